package io.hookline.tenancy;

/**
 * An event's id, {@code evt_} + ULID. Here beside {@link TenantId} rather than in the event
 * package because the delivery queue, which the event package calls, takes it too.
 */
public record EventId(String value) {

    public EventId {
        Ids.require(IdPrefix.EVENT, value, "an event id");
    }

    public static EventId next() {
        return new EventId(Ids.next(IdPrefix.EVENT));
    }

    @Override
    public String toString() {
        return value;
    }
}
