package io.hookline.domain.commerce;

import io.hookline.domain.problem.DomainException;
import io.hookline.domain.problem.DomainException.FieldError;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Collects the field errors of one request, so a client hears about every bad field at once.
 * Each check ignores a null value (absent on a partial change); {@link #required} reports it.
 */
public final class Fields {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** An address as mail systems accept it: an RFC 5322 dot-atom local part, a DNS name (IDNs in punycode). */
    private static final Pattern EMAIL =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]");

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final List<FieldError> errors = new ArrayList<>();

    public Fields required(String field, @Nullable Object value) {
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
        }
        return this;
    }

    /** A code: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit. */
    public Fields code(String field, @Nullable String value) {
        if (value != null && !CODE.matcher(value).matches()) {
            errors.add(new FieldError(
                    field, "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        return this;
    }

    /** Free text that must not be blank, at most {@code max} characters. */
    public Fields text(String field, @Nullable String value, int max) {
        if (value != null && (value.isBlank() || value.length() > max)) {
            errors.add(new FieldError(field, "must be 1 to " + max + " characters"));
        }
        return this;
    }

    public Fields email(String field, @Nullable String value) {
        if (value != null
                && (value.length() > 320
                        || value.indexOf('@') > 64
                        || !EMAIL.matcher(value).matches())) {
            errors.add(new FieldError(field, "must be an email address"));
        }
        return this;
    }

    /** An ISO 3166-1 alpha-2 country code, upper case ({@code NL}). */
    public Fields country(String field, @Nullable String value) {
        if (value != null && !COUNTRIES.contains(value)) {
            errors.add(new FieldError(field, "must be an ISO 3166-1 alpha-2 country code such as NL"));
        }
        return this;
    }

    /** An ISO 4217 currency code, upper case ({@code EUR}). */
    public Fields currency(String field, @Nullable String value) {
        if (value != null && !Money.isCurrency(value)) {
            errors.add(new FieldError(field, "must be an ISO 4217 currency code such as EUR"));
        }
        return this;
    }

    /** Money with a decimal amount of at most 4 decimals in an ISO 4217 currency; negative only if allowed. */
    public Fields money(String field, @Nullable Money value, boolean positive) {
        if (value == null) {
            return this;
        }
        required(field + ".amount", value.amount());
        required(field + ".currency", value.currency());
        currency(field + ".currency", value.currency());
        if (value.amount() != null) {
            var amount = Money.parseAmount(value.amount());
            if (amount == null) {
                errors.add(new FieldError(
                        field + ".amount", "must be a decimal string with at most 4 decimals, like \"12.50\""));
            } else if (!Money.fits(amount)) {
                errors.add(new FieldError(field + ".amount", "must be less than " + Money.LIMIT.toPlainString()));
            } else if (positive ? amount.signum() <= 0 : amount.signum() < 0) {
                errors.add(new FieldError(
                        field + ".amount", positive ? "must be more than zero" : "must not be negative"));
            }
        }
        return this;
    }

    public Fields positive(String field, @Nullable Integer value) {
        if (value != null && value < 1) {
            errors.add(new FieldError(field, "must be at least 1"));
        }
        return this;
    }

    public Fields notNegative(String field, @Nullable Integer value) {
        if (value != null && value < 0) {
            errors.add(new FieldError(field, "must not be negative"));
        }
        return this;
    }

    /** Records an error found by a check of the caller's own. */
    public Fields error(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** Throws a 422-style {@link DomainException.Invalid} listing every error, if there is one. */
    public void check() {
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
    }

    static boolean knownCurrency(String code) {
        try {
            Currency currency = Currency.getInstance(code);
            // XXX, XTS and the metals (XAU, …) have no minor unit: they are not money one invoices in
            return currency.getCurrencyCode().equals(code) && currency.getDefaultFractionDigits() >= 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
