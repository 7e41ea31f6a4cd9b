package io.hookline.domain.order;

import io.hookline.domain.commerce.CommerceEvents;
import io.hookline.domain.commerce.Fields;
import io.hookline.domain.commerce.Money;
import io.hookline.domain.commerce.Unchanged;
import io.hookline.domain.customer.Customer;
import io.hookline.domain.customer.CustomerRegistry;
import io.hookline.domain.item.Item;
import io.hookline.domain.item.ItemRegistry;
import io.hookline.domain.page.Page;
import io.hookline.domain.page.PageRequest;
import io.hookline.domain.problem.DomainException;
import io.hookline.domain.site.SiteRegistry;
import io.hookline.domain.sync.ChangeClock;
import io.hookline.domain.sync.SyncFilter;
import io.hookline.domain.sync.SyncPosition;
import io.hookline.tenancy.IdPrefix;
import io.hookline.tenancy.Ids;
import io.hookline.tenancy.TenantId;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant's orders. Placing emits {@code order.placed} (and {@code order.approval_requested}
 * when it requires approval); each line status change emits {@code order.item.status_changed}
 * plus the event of the new status, and {@code order.completed} exactly once, when the last
 * line completes; a payment emits {@code payment.received}. All in the change's transaction.
 */
@Service
public class OrderRegistry {

    static final int MAX_LINES = 100;
    static final int MAX_QUANTITY = 1_000_000;

    private final OrderRepository orders;
    private final CustomerRegistry customers;
    private final ItemRegistry items;
    private final SiteRegistry sites;
    private final ChangeClock clock;
    private final CommerceEvents events;

    OrderRegistry(
            OrderRepository orders,
            CustomerRegistry customers,
            ItemRegistry items,
            SiteRegistry sites,
            ChangeClock clock,
            CommerceEvents events) {
        this.orders = orders;
        this.customers = customers;
        this.items = items;
        this.sites = sites;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    public Order place(TenantId tenant, NewOrder request) {
        Fields fields = new Fields()
                .required("customerId", request.customerId())
                .required("items", request.items())
                .text("reference", request.reference(), 100);
        List<NewOrder.Line> lines = request.items() == null ? List.of() : request.items();
        if (request.items() != null && (lines.isEmpty() || lines.size() > MAX_LINES)) {
            fields.error("items", "must have 1 to " + MAX_LINES + " lines");
        }
        for (int i = 0; i < lines.size(); i++) {
            NewOrder.Line line = lines.get(i);
            fields.required("items[" + i + "].itemId", line.itemId());
            quantity(fields, "items[" + i + "].quantity", line.quantity());
        }
        fields.check();
        OffsetDateTime now = clock.stamp(tenant);
        Customer customer = request.customerId() == null
                ? null
                : customers.find(tenant, request.customerId()).orElse(null);
        if (customer == null) {
            fields.error("customerId", "no customer of this tenant has this id");
        }
        if (request.siteId() != null && sites.find(tenant, request.siteId()).isEmpty()) {
            fields.error("siteId", "no site of this tenant has this id");
        }
        Map<String, Item> known =
                items
                        .find(
                                tenant,
                                lines.stream()
                                        .map(l -> Objects.requireNonNull(l.itemId()))
                                        .toList())
                        .stream()
                        .collect(Collectors.toMap(Item::id, Function.identity()));
        List<OrderItem> orderItems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            NewOrder.Line line = lines.get(i);
            Item item = known.get(line.itemId());
            if (item == null) {
                fields.error("items[" + i + "].itemId", "no item of this tenant has this id");
                continue;
            }
            orderItems.add(new OrderItem(
                    Ids.next(IdPrefix.ORDER_ITEM),
                    item.id(),
                    item.code(),
                    item.name(),
                    Objects.requireNonNull(line.quantity()),
                    item.price(),
                    OrderItemStatus.PENDING));
        }
        List<String> currencies = orderItems.stream()
                .map(line -> line.unitPrice().currencyCode())
                .distinct()
                .toList();
        if (currencies.size() > 1) {
            fields.error("items", "all items of an order must be priced in one currency; these are in " + currencies);
        }
        BigDecimal total = Order.totalOf(orderItems);
        if (!Money.fits(total)) {
            fields.error("items", "the order total must be less than " + Money.LIMIT.toPlainString());
        }
        fields.check();
        boolean requiresApproval = Boolean.TRUE.equals(request.requiresApproval());
        String currency = currencies.getFirst();
        long seq = orders.nextSeq(tenant);
        Order order = new Order(
                Ids.next(IdPrefix.ORDER),
                "SO-%06d".formatted(seq),
                Objects.requireNonNull(customer).id(),
                customer.code(),
                request.siteId(),
                Order.derivedStatus(requiresApproval, orderItems),
                requiresApproval,
                request.reference(),
                orderItems,
                Money.of(total, currency),
                Money.of(BigDecimal.ZERO, currency),
                Money.of(total, currency),
                now,
                now);
        orders.insert(tenant, seq, order);
        emit(tenant, "order.placed", order);
        if (requiresApproval) {
            emit(tenant, "order.approval_requested", order);
        }
        return order;
    }

    @Transactional(readOnly = true)
    public Order get(TenantId tenant, String id) {
        return orders.find(tenant, id).orElseThrow(() -> new DomainException.NotFound("order", id));
    }

    @Transactional(readOnly = true)
    public Page<Order> list(TenantId tenant, SyncFilter filter, PageRequest page) {
        return SyncPosition.page(
                page, (after, limit) -> orders.list(tenant, filter, after, limit), Order::updatedAt, Order::id);
    }

    /** Changes the reference and the quantities of pending lines; emits order.item.updated per line and order.updated. */
    @Transactional
    public Order update(TenantId tenant, String id, OrderChanges changes) {
        Fields fields = new Fields().text("reference", changes.reference(), 100);
        List<OrderChanges.Quantity> quantities = changes.items() == null ? List.of() : changes.items();
        for (int i = 0; i < quantities.size(); i++) {
            fields.required("items[" + i + "].id", quantities.get(i).id());
            quantity(fields, "items[" + i + "].quantity", quantities.get(i).quantity());
        }
        fields.check();
        OffsetDateTime now = clock.stamp(tenant);
        Order current = get(tenant, id);
        refuseIfFinal(current);
        List<OrderItem> lines = new ArrayList<>(current.items());
        for (int i = 0; i < quantities.size(); i++) {
            OrderChanges.Quantity change = quantities.get(i);
            int index = indexOf(lines, Objects.requireNonNull(change.id()));
            if (index < 0) {
                fields.error("items[" + i + "].id", "is not a line of this order");
                continue;
            }
            OrderItem line = lines.get(index);
            int quantity = Objects.requireNonNull(change.quantity());
            if (quantity != line.quantity() && line.status() != OrderItemStatus.PENDING) {
                throw transition("line " + line.id() + " is " + line.status().value()
                        + "; only a pending line's quantity can change");
            }
            lines.set(index, line.withQuantity(quantity));
        }
        fields.check();
        BigDecimal total = Order.totalOf(lines);
        if (!Money.fits(total)) {
            throw new DomainException.Invalid(
                    "items", "the order total must be less than " + Money.LIMIT.toPlainString());
        }
        if (total.compareTo(current.amountPaid().value()) < 0) {
            throw new DomainException.Invalid("items", "the new total " + total + " is less than what was paid");
        }
        Order updated = rebuilt(
                current,
                current.status(),
                changes.reference() == null ? current.reference() : changes.reference(),
                lines,
                current.amountPaid().value(),
                now);
        if (Unchanged.same(current, updated)) {
            return current;
        }
        orders.update(tenant, current, updated);
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).equals(current.items().get(i))) {
                emit(tenant, "order.item.updated", lineData(updated, lines.get(i)), updated);
            }
        }
        emit(tenant, "order.updated", updated);
        return updated;
    }

    /** Cancels an order nothing of which is in production yet and nothing paid; emits order.updated. */
    @Transactional
    public Order cancel(TenantId tenant, String id) {
        OffsetDateTime now = clock.stamp(tenant);
        Order current = get(tenant, id);
        refuseIfFinal(current);
        boolean started =
                current.items().stream().anyMatch(line -> line.status().ordinal() > OrderItemStatus.DENIED.ordinal());
        if (started) {
            throw transition(
                    "order " + current.number() + " has lines in production or beyond; it cannot be cancelled");
        }
        if (current.amountPaid().value().signum() > 0) {
            throw transition("order " + current.number() + " has payments; it cannot be cancelled");
        }
        Order cancelled =
                rebuilt(current, OrderStatus.CANCELLED, current.reference(), current.items(), BigDecimal.ZERO, now);
        orders.update(tenant, current, cancelled);
        emit(tenant, "order.updated", cancelled);
        return cancelled;
    }

    /** Moves one line to {@code target} (a wire value such as {@code in_production}). */
    @Transactional
    public Order changeStatus(TenantId tenant, String orderId, String lineId, @Nullable String target) {
        OrderItemStatus next = OrderItemStatus.parse(target)
                .filter(s -> s != OrderItemStatus.PENDING)
                .orElseThrow(
                        () -> new DomainException.Invalid("status", "must be one of " + OrderItemStatus.targets()));
        OffsetDateTime now = clock.stamp(tenant);
        Order current = get(tenant, orderId);
        int index = indexOf(current.items(), lineId);
        if (index < 0) {
            throw new DomainException.NotFound("order item", lineId);
        }
        if (current.status() == OrderStatus.CANCELLED) {
            throw transition("order " + current.number() + " is cancelled");
        }
        OrderItem line = current.items().get(index);
        String refusal = line.status().refusal(next, current.requiresApproval());
        if (refusal != null) {
            throw transition("line " + line.id() + " cannot become " + next.value() + ": " + refusal);
        }
        List<OrderItem> lines = new ArrayList<>(current.items());
        lines.set(index, line.withStatus(next));
        BigDecimal total = Order.totalOf(lines);
        if (total.compareTo(current.amountPaid().value()) < 0) {
            throw transition("line " + line.id() + " cannot be denied: the order has payments of "
                    + current.amountPaid().amount() + " and its total would drop to "
                    + Money.of(total, current.currency()).amount() + " (refunds are not supported)");
        }
        OrderStatus status = Order.derivedStatus(current.requiresApproval(), lines);
        Order updated = rebuilt(
                current,
                status,
                current.reference(),
                lines,
                current.amountPaid().value(),
                now);
        orders.update(tenant, current, updated);

        ObjectNode changed = lineData(updated, lines.get(index));
        changed.put("previousStatus", line.status().value());
        emit(tenant, "order.item.status_changed", changed, updated);
        String specific = switch (next) {
            case APPROVED -> "order.item.approved";
            case DENIED -> "order.item.denied";
            case FILES_GENERATED -> "order.item.files_generated";
            case READY -> "vendor.item.ready";
            case COMPLETED -> "order.item.completed";
            case PENDING, IN_PRODUCTION -> null;
        };
        if (specific != null) {
            emit(tenant, specific, lineData(updated, lines.get(index)), updated);
        }
        if (status != current.status()) {
            emit(tenant, status == OrderStatus.COMPLETED ? "order.completed" : "order.updated", updated);
        }
        return updated;
    }

    /** Records a payment of at most the amount due, in the order's currency; emits payment.received. */
    @Transactional
    public Payment pay(TenantId tenant, String orderId, @Nullable Money amount, @Nullable String reference) {
        new Fields()
                .required("amount", amount)
                .money("amount", amount, true)
                .text("reference", reference, 100)
                .check();
        Money paid = Objects.requireNonNull(amount);
        OffsetDateTime now = clock.stamp(tenant);
        Order current = get(tenant, orderId);
        if (current.status() == OrderStatus.CANCELLED) {
            throw transition("order " + current.number() + " is cancelled");
        }
        if (!paid.currencyCode().equals(current.currency())) {
            throw new DomainException.Invalid("amount.currency", "must be the order's currency, " + current.currency());
        }
        if (paid.value().compareTo(current.amountDue().value()) > 0) {
            throw new DomainException.Invalid(
                    "amount.amount",
                    "is more than the amount due, " + current.amountDue().amount());
        }
        Payment payment = new Payment(
                Ids.next(IdPrefix.PAYMENT), orderId, Money.of(paid.value(), paid.currencyCode()), reference, now);
        orders.insertPayment(tenant, payment);
        Order updated = rebuilt(
                current,
                current.status(),
                current.reference(),
                current.items(),
                current.amountPaid().value().add(paid.value()),
                now);
        orders.update(tenant, current, updated);
        ObjectNode data = events.data(payment);
        data.put("orderNumber", current.number());
        data.put("customerId", current.customerId());
        data.put("customerCode", current.customerCode());
        events.emit(tenant, "payment.received", data, current.siteId());
        return payment;
    }

    @Transactional(readOnly = true)
    public Page<Payment> payments(TenantId tenant, String orderId, PageRequest page) {
        get(tenant, orderId);
        return SyncPosition.page(
                page,
                (after, limit) -> orders.payments(tenant, orderId, after, limit),
                Payment::receivedAt,
                Payment::id);
    }

    private static Order rebuilt(
            Order current,
            OrderStatus status,
            @Nullable String reference,
            List<OrderItem> lines,
            BigDecimal paid,
            OffsetDateTime now) {
        String currency = current.currency();
        BigDecimal total = Order.totalOf(lines);
        return new Order(
                current.id(),
                current.number(),
                current.customerId(),
                current.customerCode(),
                current.siteId(),
                status,
                current.requiresApproval(),
                reference,
                lines,
                Money.of(total, currency),
                Money.of(paid, currency),
                Money.of(status == OrderStatus.CANCELLED ? BigDecimal.ZERO : total.subtract(paid), currency),
                current.createdAt(),
                now);
    }

    private void emit(TenantId tenant, String type, Order order) {
        emit(tenant, type, events.data(order), order);
    }

    private void emit(TenantId tenant, String type, ObjectNode data, Order order) {
        events.emit(tenant, type, data, order.siteId());
    }

    /** The data of a line event: the order's ids and codes and the line with its item code. */
    private ObjectNode lineData(Order order, OrderItem line) {
        return events.data(new LineEvent(
                order.id(), order.number(), order.customerId(), order.customerCode(), order.siteId(), line));
    }

    private record LineEvent(
            String orderId,
            String orderNumber,
            String customerId,
            String customerCode,
            @Nullable String siteId,
            OrderItem orderItem) {}

    private static void quantity(Fields fields, String field, @Nullable Integer value) {
        fields.required(field, value).positive(field, value);
        if (value != null && value > MAX_QUANTITY) {
            fields.error(field, "must be at most " + MAX_QUANTITY);
        }
    }

    private static int indexOf(List<OrderItem> lines, String id) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static void refuseIfFinal(Order order) {
        if (order.status() == OrderStatus.COMPLETED || order.status() == OrderStatus.CANCELLED) {
            throw transition("order " + order.number() + " is " + order.status().value());
        }
    }

    private static DomainException.Conflict transition(String message) {
        return new DomainException.Conflict(DomainException.ConflictCode.INVALID_TRANSITION, message);
    }
}
