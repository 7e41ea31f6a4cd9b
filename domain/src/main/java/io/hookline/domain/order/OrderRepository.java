package io.hookline.domain.order;

import static io.hookline.domain.jooq.Tables.PAYMENT;
import static io.hookline.domain.jooq.Tables.SALES_ORDER;
import static io.hookline.domain.jooq.Tables.SALES_ORDER_ITEM;

import io.hookline.domain.commerce.Money;
import io.hookline.domain.jooq.tables.records.PaymentRecord;
import io.hookline.domain.jooq.tables.records.SalesOrderItemRecord;
import io.hookline.domain.jooq.tables.records.SalesOrderRecord;
import io.hookline.domain.sync.SyncFilter;
import io.hookline.domain.sync.SyncPosition;
import io.hookline.tenancy.TenantId;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

@Repository
class OrderRepository {

    private final DSLContext dsl;

    OrderRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The tenant's next order sequence number; callers hold the tenant's change lock. */
    long nextSeq(TenantId tenant) {
        Long max = dsl.select(DSL.max(SALES_ORDER.SEQ))
                .from(SALES_ORDER)
                .where(SALES_ORDER.TENANT_ID.eq(tenant.value()))
                .fetchOne(0, Long.class);
        return max == null ? 1 : max + 1;
    }

    void insert(TenantId tenant, long seq, Order order) {
        SalesOrderRecord record = dsl.newRecord(SALES_ORDER);
        record.setId(order.id());
        record.setTenantId(tenant.value());
        record.setSeq(seq);
        record.setNumber(order.number());
        record.setCustomerId(order.customerId());
        record.setCustomerCode(order.customerCode());
        record.setSiteId(order.siteId());
        record.setRequiresApproval(order.requiresApproval());
        record.setCurrency(order.currency());
        record.setCreatedAt(order.createdAt());
        fill(record, order);
        record.insert();
        int position = 0;
        for (OrderItem item : order.items()) {
            SalesOrderItemRecord line = dsl.newRecord(SALES_ORDER_ITEM);
            line.setId(item.id());
            line.setTenantId(tenant.value());
            line.setOrderId(order.id());
            line.setPosition(position++);
            line.setItemId(item.itemId());
            line.setItemCode(item.itemCode());
            line.setName(item.name());
            line.setQuantity(item.quantity());
            line.setUnitPrice(item.unitPrice().value());
            line.setStatus(item.status().value());
            line.setUpdatedAt(order.updatedAt());
            line.insert();
        }
    }

    /** Writes the order's own fields and every line whose status or quantity differs from {@code before}. */
    void update(TenantId tenant, Order before, Order after) {
        SalesOrderRecord record = dsl.newRecord(SALES_ORDER);
        fill(record, after);
        dsl.update(SALES_ORDER)
                .set(record)
                .where(SALES_ORDER.TENANT_ID.eq(tenant.value()), SALES_ORDER.ID.eq(after.id()))
                .execute();
        for (int i = 0; i < after.items().size(); i++) {
            OrderItem was = before.items().get(i);
            OrderItem now = after.items().get(i);
            if (!was.equals(now)) {
                dsl.update(SALES_ORDER_ITEM)
                        .set(SALES_ORDER_ITEM.STATUS, now.status().value())
                        .set(SALES_ORDER_ITEM.QUANTITY, now.quantity())
                        .set(SALES_ORDER_ITEM.UPDATED_AT, after.updatedAt())
                        .where(SALES_ORDER_ITEM.TENANT_ID.eq(tenant.value()), SALES_ORDER_ITEM.ID.eq(now.id()))
                        .execute();
            }
        }
    }

    Optional<Order> find(TenantId tenant, String id) {
        return dsl.selectFrom(SALES_ORDER)
                .where(SALES_ORDER.TENANT_ID.eq(tenant.value()), SALES_ORDER.ID.eq(id))
                .fetchOptional()
                .map(record -> withItems(tenant, List.of(record)).getFirst());
    }

    List<Order> list(TenantId tenant, SyncFilter filter, @Nullable SyncPosition after, int limit) {
        List<SalesOrderRecord> records = dsl.selectFrom(SALES_ORDER)
                .where(SALES_ORDER.TENANT_ID.eq(tenant.value()))
                .and(filter.condition(SALES_ORDER.CREATED_AT, SALES_ORDER.UPDATED_AT, SALES_ORDER.ID, after))
                .orderBy(SALES_ORDER.UPDATED_AT, SALES_ORDER.ID)
                .limit(limit)
                .fetch();
        return withItems(tenant, records);
    }

    void insertPayment(TenantId tenant, Payment payment) {
        PaymentRecord record = dsl.newRecord(PAYMENT);
        record.setId(payment.id());
        record.setTenantId(tenant.value());
        record.setOrderId(payment.orderId());
        record.setAmount(payment.amount().value());
        record.setCurrency(payment.amount().currencyCode());
        record.setReference(payment.reference());
        record.setReceivedAt(payment.receivedAt());
        record.insert();
    }

    List<Payment> payments(TenantId tenant, String orderId, @Nullable SyncPosition after, int limit) {
        var condition = PAYMENT.TENANT_ID.eq(tenant.value()).and(PAYMENT.ORDER_ID.eq(orderId));
        if (after != null) {
            condition = condition.and(DSL.row(PAYMENT.RECEIVED_AT, PAYMENT.ID).gt(after.updatedAt(), after.id()));
        }
        return dsl.selectFrom(PAYMENT)
                .where(condition)
                .orderBy(PAYMENT.RECEIVED_AT, PAYMENT.ID)
                .limit(limit)
                .fetch(r -> new Payment(
                        r.getId(),
                        r.getOrderId(),
                        Money.of(r.getAmount(), r.getCurrency()),
                        r.getReference(),
                        r.getReceivedAt()));
    }

    private static void fill(SalesOrderRecord record, Order order) {
        record.setStatus(order.status().value());
        record.setReference(order.reference());
        record.setTotalAmount(order.total().value());
        record.setPaidAmount(order.amountPaid().value());
        record.setUpdatedAt(order.updatedAt());
    }

    private List<Order> withItems(TenantId tenant, List<SalesOrderRecord> orders) {
        if (orders.isEmpty()) {
            return List.of();
        }
        Map<String, List<SalesOrderItemRecord>> lines = dsl
                .selectFrom(SALES_ORDER_ITEM)
                .where(
                        SALES_ORDER_ITEM.TENANT_ID.eq(tenant.value()),
                        SALES_ORDER_ITEM.ORDER_ID.in(
                                orders.stream().map(SalesOrderRecord::getId).toList()))
                .orderBy(SALES_ORDER_ITEM.ORDER_ID, SALES_ORDER_ITEM.POSITION)
                .fetch()
                .stream()
                .collect(Collectors.groupingBy(SalesOrderItemRecord::getOrderId));
        return orders.stream()
                .map(order -> toOrder(order, lines.getOrDefault(order.getId(), List.of())))
                .toList();
    }

    private static Order toOrder(SalesOrderRecord r, List<SalesOrderItemRecord> lines) {
        String currency = r.getCurrency();
        List<OrderItem> items = lines.stream()
                .map(line -> new OrderItem(
                        line.getId(),
                        line.getItemId(),
                        line.getItemCode(),
                        line.getName(),
                        line.getQuantity(),
                        Money.of(line.getUnitPrice(), currency),
                        OrderItemStatus.parse(line.getStatus()).orElseThrow()))
                .toList();
        OffsetDateTime created = r.getCreatedAt();
        return new Order(
                r.getId(),
                r.getNumber(),
                r.getCustomerId(),
                r.getCustomerCode(),
                r.getSiteId(),
                OrderStatus.fromValue(r.getStatus()),
                r.getRequiresApproval(),
                r.getReference(),
                items,
                Money.of(r.getTotalAmount(), currency),
                Money.of(r.getPaidAmount(), currency),
                Money.of(
                        OrderStatus.fromValue(r.getStatus()) == OrderStatus.CANCELLED
                                ? java.math.BigDecimal.ZERO
                                : r.getTotalAmount().subtract(r.getPaidAmount()),
                        currency),
                created,
                r.getUpdatedAt());
    }
}
