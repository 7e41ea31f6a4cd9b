package io.hookline.domain.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CursorCodecTests {

    private final CursorCodec codec =
            new CursorCodec("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    @Test
    void aCursorCarriesItsPositionBack() {
        String cursor = codec.encode("webhooks", List.of("2026-11-24T09:00:00Z", "wh_01JD3Q7ZK8M5W2X9R4T6Y1B0NC"));
        assertThat(cursor).doesNotContain("wh_");
        assertThat(codec.decode("webhooks", cursor))
                .containsExactly("2026-11-24T09:00:00Z", "wh_01JD3Q7ZK8M5W2X9R4T6Y1B0NC");
    }

    @Test
    void anAlteredCursorIsRefused() {
        String cursor = codec.encode("webhooks", List.of("wh_01JD3Q7ZK8M5W2X9R4T6Y1B0NC"));
        String body = new String(
                Base64.getUrlDecoder().decode(cursor.substring(0, cursor.indexOf('.'))), StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(body.replace("NC", "ND").getBytes(StandardCharsets.UTF_8))
                + cursor.substring(cursor.indexOf('.'));
        assertThatThrownBy(() -> codec.decode("webhooks", forged))
                .isInstanceOf(CursorCodec.InvalidCursorException.class);
        assertThatThrownBy(() -> codec.decode("webhooks", "x.y"))
                .isInstanceOf(CursorCodec.InvalidCursorException.class);
        assertThatThrownBy(() -> codec.decode("webhooks", "")).isInstanceOf(CursorCodec.InvalidCursorException.class);
    }

    @Test
    void oneListsCursorIsRefusedByAnother() {
        String cursor = codec.encode("webhooks", List.of("wh_01JD3Q7ZK8M5W2X9R4T6Y1B0NC"));
        assertThatThrownBy(() -> codec.decode("event-types", cursor))
                .isInstanceOf(CursorCodec.InvalidCursorException.class);
    }

    @Test
    void aCursorFromAnotherKeyIsRefused() {
        CursorCodec other = new CursorCodec("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8));
        String cursor = other.encode("webhooks", List.of("wh_01JD3Q7ZK8M5W2X9R4T6Y1B0NC"));
        assertThatThrownBy(() -> codec.decode("webhooks", cursor))
                .isInstanceOf(CursorCodec.InvalidCursorException.class);
    }

    @Test
    void aPageKnowsWhetherAnotherFollows() {
        Page<String> last = Page.of(List.of("a", "b"), 2, s -> List.of(s));
        Page<String> more = Page.of(List.of("a", "b", "c"), 2, s -> List.of(s));
        assertThat(last.data()).containsExactly("a", "b");
        assertThat(last.nextAfter()).isNull();
        assertThat(more.data()).containsExactly("a", "b");
        assertThat(more.nextAfter()).containsExactly("b");
    }
}
