package io.hookline.tenancy;

/**
 * Every prefix of a Hookline id, in one list: an id is the prefix, {@code _} and a ULID (see
 * {@link Ids}), so an id pasted where another kind belongs reads as wrong at a glance.
 */
public enum IdPrefix {
    TENANT("ten"),
    WEBHOOK("wh"),
    EVENT("evt"),
    DELIVERY("dlv"),
    ATTEMPT("att"),
    REQUEST("req"),
    SITE("site"),
    SITE_USER("siu"),
    CUSTOMER("cus"),
    ADDRESS("adr"),
    CONTACT_PERSON("cnt"),
    ITEM("itm"),
    PRICE_LIST("prl"),
    ORDER("ord"),
    ORDER_ITEM("ori"),
    PAYMENT("pay"),
    NOTIFICATION("ntf");

    /** A site id as a regular expression, for bean-validation annotations (which need a constant). */
    public static final String SITE_ID_PATTERN = "site_" + Ids.ULID_PATTERN;

    private final String value;

    IdPrefix(String value) {
        this.value = value;
    }

    /** The prefix as it stands in an id, without the {@code _}. */
    public String value() {
        return value;
    }

    /** An id of this kind as a regular expression: the prefix, {@code _} and a canonical ULID. */
    public String pattern() {
        return value + "_" + Ids.ULID_PATTERN;
    }

    @Override
    public String toString() {
        return value;
    }
}
