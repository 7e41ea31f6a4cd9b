package io.hookline.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IdsTests {

    @Test
    void everyPrefixIsDistinctLowerCaseAndNoneStartsAnother() {
        var values = Arrays.stream(IdPrefix.values()).map(IdPrefix::value).toList();
        assertThat(values).doesNotHaveDuplicates().allMatch(value -> value.matches("[a-z]{2,4}"));
        // "site_…" must never read as an id of a kind whose prefix is "si" (and so on)
        for (String prefix : values) {
            for (String other : values) {
                if (!prefix.equals(other)) {
                    assertThat(other + "_").as(prefix + " and " + other).doesNotStartWith(prefix + "_");
                }
            }
        }
    }

    @Test
    void anIdIsItsPrefixAndAUlidAndIsValidOnlyForItsOwnKind() {
        String id = Ids.next(IdPrefix.DELIVERY);

        assertThat(id).matches(IdPrefix.DELIVERY.pattern());
        assertThat(Ids.isValid(IdPrefix.DELIVERY, id)).isTrue();
        assertThat(Ids.isValid(IdPrefix.EVENT, id)).isFalse();
        assertThat(Ids.isValid(IdPrefix.DELIVERY, id.toLowerCase(java.util.Locale.ROOT)))
                .isFalse();
    }

    @Test
    void theSitePatternConstantIsTheSitePrefixsPattern() {
        assertThat(IdPrefix.SITE_ID_PATTERN).isEqualTo(IdPrefix.SITE.pattern());
    }

    @Test
    void aTypedIdRefusesAnIdOfAnotherKind() {
        String event = Ids.next(IdPrefix.EVENT);

        assertThat(new EventId(event).value()).isEqualTo(event);
        assertThatThrownBy(() -> new DeliveryId(event))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a delivery id: expected dlv_ followed by a 26-character ULID");
    }
}
