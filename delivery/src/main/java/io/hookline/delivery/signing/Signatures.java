package io.hookline.delivery.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Standard Webhooks signing, and the two legacy schemes some receivers still need. */
public final class Signatures {

    private static final String SECRET_PREFIX = "whsec_";

    private Signatures() {}

    /**
     * The {@code webhook-signature} header: {@code v1,<sig>} for each secret, space separated,
     * so a receiver holding either secret during a rotation accepts the delivery.
     */
    public static String standard(List<String> secrets, String id, long timestamp, String body) {
        StringJoiner header = new StringJoiner(" ");
        byte[] content = (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
        for (String secret : secrets) {
            header.add("v1," + Base64.getEncoder().encodeToString(hmac(key(secret), content)));
        }
        return header.toString();
    }

    /** {@code MessageHash}: hex SHA-1 of the secret followed by the body. */
    public static String messageHash(String secret, String body) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha1.digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The HMAC key of a {@code whsec_} secret: the base64-decoded bytes after the prefix. */
    static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
