package io.hookline.domain.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.domain.problem.DomainException;
import io.hookline.domain.problem.DomainException.FieldError;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldsTests {

    @ParameterizedTest
    @ValueSource(strings = {"12.50", "0", "7", "0.0001", "-3.25"})
    void decimalStringsWithUpToFourDecimalsAreAmounts(String amount) {
        assertThat(Money.parseAmount(amount)).isEqualByComparingTo(new BigDecimal(amount));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.50001", "1e3", "12,50", " 12.50", "", ".5", "5.", "NaN", "0x10", "+1"})
    void anythingElseIsNotAnAmount(String amount) {
        assertThat(Money.parseAmount(amount)).isNull();
    }

    @Test
    void moneyNeedsAKnownCurrencyAndAPositiveAmountWhenAsked() {
        var errors = errorsOf(new Fields()
                .money("price", new Money("12.50", "EUR"), true)
                .money("a", new Money("0", "EUR"), true)
                .money("b", new Money("0", "EUR"), false)
                .money("c", new Money("-1", "USD"), false)
                .money("d", new Money("1.00", "XYZ"), false)
                .money("e", new Money("1.00", "eur"), false)
                .money("f", new Money(null, null), false));
        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactly("a.amount", "c.amount", "d.currency", "e.currency", "f.amount", "f.currency");
    }

    @Test
    void countriesAreIsoAlpha2UpperCase() {
        assertThat(new Fields().country("country", "NL").ok()).isTrue();
        assertThat(new Fields().country("country", "nl").ok()).isFalse();
        assertThat(new Fields().country("country", "XX").ok()).isFalse();
        assertThat(new Fields().country("country", "NLD").ok()).isFalse();
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        var errors = errorsOf(new Fields()
                .required("code", null)
                .code("code2", "-starts-with-dash")
                .text("name", " ", 200)
                .email("email", "not-an-email")
                .positive("quantity", 0)
                .notNegative("stock", -1));
        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactly("code", "code2", "name", "email", "quantity", "stock");
    }

    @Test
    void absentValuesPassEveryCheckButRequired() {
        assertThat(new Fields()
                        .code("code", null)
                        .text("name", null, 10)
                        .email("email", null)
                        .country("country", null)
                        .currency("currency", null)
                        .money("price", null, true)
                        .positive("quantity", null)
                        .ok())
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jane.doe@example.com",
                "buy+orders@northwind.example",
                "o'brien@mail.example.co.uk",
                "x@xn--bcher-kva.example"
            })
    void ordinaryAddressesAreEmail(String address) {
        assertThat(new Fields().email("email", address).ok()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a@-.-",
                "<script>@x.y",
                "jane@localhost",
                "jane..doe@example.com",
                ".jane@example.com",
                "jane@example..com",
                "jane@-example.com",
                "jane doe@example.com",
                "jane@example.com\u0085",
                "jane@example.c"
            })
    void oddAddressesAreNotEmail(String address) {
        assertThat(new Fields().email("email", address).ok()).isFalse();
    }

    private static java.util.List<FieldError> errorsOf(Fields fields) {
        assertThat(fields.ok()).isFalse();
        try {
            fields.check();
        } catch (DomainException.Invalid e) {
            return e.errors();
        }
        assertThatThrownBy(fields::check).isInstanceOf(DomainException.Invalid.class);
        return java.util.List.of();
    }
}
