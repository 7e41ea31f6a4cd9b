package io.hookline.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretCipherTests {

    private static final String KEY = "q6qXW1M8W5m8mXzj8c3f9bqkq1l0o0mS4t7yC2b4d6E=";
    private static final String OTHER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void aSealedSecretOpensOnlyForTheRowItWasBoundTo() {
        SecretCipher cipher = new SecretCipher(KEY, List.of());
        SecretCipher.Sealed sealed = cipher.seal("whsec_abc", "webhook-secret:ten_1:wh_1");

        assertThat(cipher.open(sealed, "webhook-secret:ten_1:wh_1")).isEqualTo("whsec_abc");
        assertThatThrownBy(() -> cipher.open(sealed, "webhook-secret:ten_2:wh_1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theSameSecretSealsDifferentlyEachTime() {
        SecretCipher cipher = new SecretCipher(KEY, List.of());
        assertThat(cipher.seal("whsec_abc", "x").ciphertext())
                .isNotEqualTo(cipher.seal("whsec_abc", "x").ciphertext());
    }

    @Test
    void rowsSealedWithARetiredKeyStillOpenWhileItIsListedAsPrevious() {
        SecretCipher old = new SecretCipher(OTHER_KEY, List.of());
        SecretCipher.Sealed sealed = old.seal("whsec_abc", "row");
        SecretCipher rotated = new SecretCipher(KEY, List.of(OTHER_KEY));

        assertThat(rotated.open(sealed, "row")).isEqualTo("whsec_abc");
        assertThat(rotated.seal("whsec_abc", "row").keyId())
                .isEqualTo(rotated.currentKeyId())
                .isNotEqualTo(sealed.keyId());
        assertThatThrownBy(() -> new SecretCipher(KEY, List.of()).open(sealed, "row"))
                .hasMessageContaining("hookline.secrets.previous-keys");
    }

    @Test
    void aKeyThatIsNotThirtyTwoBytesIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> new SecretCipher("c2hvcnQ=", List.of())).hasMessageContaining("exactly 32 bytes");
        assertThatThrownBy(() -> new SecretCipher("not base64!", List.of())).hasMessageContaining("base64");
    }
}
