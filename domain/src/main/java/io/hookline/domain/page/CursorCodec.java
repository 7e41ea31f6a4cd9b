package io.hookline.domain.page;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a list position into an opaque cursor and back. The cursor names the list it belongs
 * to and carries an HMAC, so a client can neither forge a position nor replay one list's
 * cursor on another; an altered cursor is refused as a client error.
 */
public final class CursorCodec {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAC_BYTES = 16;
    private static final char SEPARATOR = '\u001f';

    private final SecretKeySpec key;

    public CursorCodec(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("cursor key must be at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** Thrown for a cursor that was not issued by this codec for this list. */
    public static final class InvalidCursorException extends RuntimeException {
        public InvalidCursorException() {
            super("cursor is not valid for this list; start again without a cursor");
        }
    }

    public String encode(String list, List<String> position) {
        String payload = list + SEPARATOR + String.join(String.valueOf(SEPARATOR), position);
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(mac(body));
    }

    public List<String> decode(String list, String cursor) {
        int dot = cursor.indexOf('.');
        if (dot <= 0 || cursor.length() > 2048) {
            throw new InvalidCursorException();
        }
        byte[] body;
        byte[] mac;
        try {
            body = DECODER.decode(cursor.substring(0, dot));
            mac = DECODER.decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
        if (!MessageDigest.isEqual(mac, mac(body))) {
            throw new InvalidCursorException();
        }
        List<String> parts =
                Arrays.asList(new String(body, StandardCharsets.UTF_8).split(String.valueOf(SEPARATOR), -1));
        if (parts.size() < 2 || !parts.getFirst().equals(list)) {
            throw new InvalidCursorException();
        }
        return List.copyOf(parts.subList(1, parts.size()));
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(body), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
