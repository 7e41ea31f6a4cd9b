package io.hookline.api.order;

import io.hookline.api.page.Pagination;
import io.hookline.api.security.Scopes;
import io.hookline.domain.order.OrderRegistry;
import io.hookline.domain.sync.SyncFilter;
import io.hookline.tenancy.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/v1/orders", produces = "application/json")
@Tag(
        name = "Orders",
        description = "Orders, their lines' status from approval to completion, and payments; each change an event")
class OrderController {

    private static final String LIST = "orders";
    private static final String PAYMENTS = "payments";

    private final OrderRegistry orders;
    private final Pagination pagination;

    OrderController(OrderRegistry orders, Pagination pagination) {
        this.orders = orders;
        this.pagination = pagination;
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(
            operationId = "placeOrder",
            summary = "Place an order (emits order.placed, and order.approval_requested when it requires approval)")
    ResponseEntity<OrderResponse> place(
            @Parameter(hidden = true) TenantId tenant, @Valid @RequestBody PlaceOrderRequest request) {
        var order = orders.place(tenant, request.toNewOrder());
        return ResponseEntity.created(URI.create("/v1/orders/" + order.id())).body(OrderResponse.of(order));
    }

    @GetMapping
    @PreAuthorize(Scopes.CAN_READ_COMMERCE)
    @Operation(
            operationId = "listOrders",
            summary = "List orders in (updatedAt, id) order; with updatedAfter, everything changed since a sync")
    ResponseEntity<OrderList> list(
            @Parameter(hidden = true) TenantId tenant,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Nullable String cursor,
            @Parameter(description = "Only orders placed after this time")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    @Nullable
                    OffsetDateTime createdAfter,
            @Parameter(description = "Only orders changed after this time")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    @Nullable
                    OffsetDateTime updatedAfter) {
        var page = orders.list(
                tenant, new SyncFilter(createdAfter, updatedAfter), pagination.request(LIST, limit, cursor));
        return pagination.respond(LIST, page, OrderResponse::of, OrderList::new);
    }

    @GetMapping("/{id}")
    @PreAuthorize(Scopes.CAN_READ_COMMERCE)
    @Operation(operationId = "getOrder", summary = "Get an order")
    OrderResponse get(@Parameter(hidden = true) TenantId tenant, @PathVariable String id) {
        return OrderResponse.of(orders.get(tenant, id));
    }

    @PatchMapping(path = "/{id}", consumes = "application/json")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(
            operationId = "updateOrder",
            summary =
                    "Change an order's reference or pending lines' quantities (emits order.item.updated, order.updated)")
    OrderResponse update(
            @Parameter(hidden = true) TenantId tenant,
            @PathVariable String id,
            @Valid @RequestBody UpdateOrderRequest request) {
        return OrderResponse.of(orders.update(tenant, id, request.toChanges()));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(
            operationId = "cancelOrder",
            summary = "Cancel an order with no line in production and nothing paid (emits order.updated); "
                    + "it stays readable with status cancelled")
    ResponseEntity<Void> cancel(@Parameter(hidden = true) TenantId tenant, @PathVariable String id) {
        orders.cancel(tenant, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/{id}/items/{orderItemId}/status", consumes = "application/json")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(
            operationId = "changeOrderItemStatus",
            summary = "Move an order line to a new status (emits order.item.status_changed and the status's own event; "
                    + "order.completed when the last line completes)")
    OrderResponse changeStatus(
            @Parameter(hidden = true) TenantId tenant,
            @PathVariable String id,
            @PathVariable String orderItemId,
            @Valid @RequestBody ChangeItemStatusRequest request) {
        return OrderResponse.of(orders.changeStatus(tenant, id, orderItemId, request.status()));
    }

    @PostMapping(path = "/{id}/payments", consumes = "application/json")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(operationId = "recordPayment", summary = "Record a payment for an order (emits payment.received)")
    ResponseEntity<PaymentResponse> pay(
            @Parameter(hidden = true) TenantId tenant,
            @PathVariable String id,
            @Valid @RequestBody PaymentRequest request) {
        var payment = orders.pay(tenant, id, request.amount(), request.reference());
        return ResponseEntity.created(URI.create("/v1/orders/" + id + "/payments/" + payment.id()))
                .body(PaymentResponse.of(payment));
    }

    @GetMapping("/{id}/payments")
    @PreAuthorize(Scopes.CAN_READ_COMMERCE)
    @Operation(operationId = "listPayments", summary = "List an order's payments, oldest first")
    ResponseEntity<PaymentList> payments(
            @Parameter(hidden = true) TenantId tenant,
            @PathVariable String id,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        var page = orders.payments(tenant, id, pagination.request(PAYMENTS + ":" + id, limit, cursor));
        return pagination.respond(PAYMENTS + ":" + id, page, PaymentResponse::of, PaymentList::new);
    }
}
