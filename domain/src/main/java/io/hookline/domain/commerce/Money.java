package io.hookline.domain.commerce;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * An amount of money as the API writes it: a decimal string (never a float) and an ISO 4217
 * currency, {@code {"amount": "12.50", "currency": "EUR"}}. Components are nullable only so
 * that a request missing one is reported as a field error instead of failing to parse.
 */
public record Money(@Nullable String amount, @Nullable String currency) {

    private static final int MAX_SCALE = 4;

    /** Amounts (and totals) stay below this, what {@code numeric(19,4)} holds. */
    public static final BigDecimal LIMIT = new BigDecimal("1000000000000000");

    /** Whether an amount or a total can be stored. */
    public static boolean fits(BigDecimal amount) {
        return amount.abs().compareTo(LIMIT) < 0;
    }

    /** Money as the API writes it: at least two decimals, no trailing zeros beyond them ({@code 7} → {@code "7.00"}). */
    public static Money of(BigDecimal amount, String currency) {
        BigDecimal normal = amount.stripTrailingZeros();
        if (normal.scale() < 2) {
            normal = normal.setScale(2);
        }
        return new Money(normal.toPlainString(), currency);
    }

    /** The amount; only for money that passed {@link Fields#money}. */
    public BigDecimal value() {
        BigDecimal value = amount == null ? null : parseAmount(amount);
        if (value == null) {
            throw new IllegalStateException("money was not validated: " + amount);
        }
        return value;
    }

    /** The currency; only for money that passed {@link Fields#money}. */
    public String currencyCode() {
        if (currency == null) {
            throw new IllegalStateException("money was not validated");
        }
        return currency;
    }

    /** The amount of a decimal string with at most 4 decimals, or null if it is not one. */
    static @Nullable BigDecimal parseAmount(String amount) {
        if (amount.length() > 24 || !amount.matches("-?[0-9]+(\\.[0-9]{1,4})?")) {
            return null;
        }
        BigDecimal value = new BigDecimal(amount);
        return value.scale() > MAX_SCALE ? null : value;
    }

    static boolean isCurrency(String code) {
        return code.matches("[A-Z]{3}") && Fields.knownCurrency(code);
    }
}
