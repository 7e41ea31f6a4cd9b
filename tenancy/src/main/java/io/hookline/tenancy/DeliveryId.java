package io.hookline.tenancy;

/**
 * A delivery's id, {@code dlv_} + ULID. Here beside {@link TenantId} because the event fan-out,
 * the delivery queue and the delivery log (three packages in two modules) all pass it.
 */
public record DeliveryId(String value) {

    public DeliveryId {
        Ids.require(IdPrefix.DELIVERY, value, "a delivery id");
    }

    public static DeliveryId next() {
        return new DeliveryId(Ids.next(IdPrefix.DELIVERY));
    }

    @Override
    public String toString() {
        return value;
    }
}
