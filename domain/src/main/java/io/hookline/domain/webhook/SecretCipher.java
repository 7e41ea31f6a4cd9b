package io.hookline.domain.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts webhook secrets at rest with AES-256-GCM. Each ciphertext is stored with the id of
 * the key that made it, so the key can be rotated: new secrets use the current key, old rows
 * still open with a previous one. The row's identity is bound in as associated data, so a
 * ciphertext copied onto another webhook does not decrypt.
 */
public final class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final String currentKeyId;
    private final SecretKeySpec currentKey;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    /** An encrypted value and the id of the key that encrypted it. */
    public record Sealed(byte[] ciphertext, String keyId) {}

    /**
     * @param currentKey base64 of 32 bytes, used for every new secret
     * @param previousKeys base64 keys that may still be needed to open older rows
     */
    public SecretCipher(String currentKey, List<String> previousKeys) {
        SecretKeySpec current = parse(currentKey, "hookline.secrets.encryption-key");
        this.currentKeyId = keyId(current);
        this.currentKey = current;
        keys.put(currentKeyId, current);
        for (String previous : previousKeys) {
            SecretKeySpec key = parse(previous, "hookline.secrets.previous-keys");
            keys.putIfAbsent(keyId(key), key);
        }
    }

    public Sealed seal(String plaintext, String boundTo) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, currentKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] encrypted = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return new Sealed(
                    ByteBuffer.allocate(NONCE_BYTES + encrypted.length)
                            .put(nonce)
                            .put(encrypted)
                            .array(),
                    currentKeyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt a secret", e);
        }
    }

    public String open(Sealed sealed, String boundTo) {
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("secret was encrypted with key " + sealed.keyId()
                    + ", which is not configured (hookline.secrets.previous-keys)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.ciphertext(), 0, NONCE_BYTES));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(sealed.ciphertext(), NONCE_BYTES, sealed.ciphertext().length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored secret could not be decrypted (wrong key or altered row)", e);
        }
    }

    /**
     * A key for another purpose (e.g. signing pagination cursors) derived from the current key,
     * so operators manage one secret. Changing the encryption key changes every derived key.
     */
    public byte[] deriveKey(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(currentKey.getEncoded(), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    private static SecretKeySpec parse(String base64, String property) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    property + " must be base64 of 32 random bytes (e.g. `openssl rand -base64 32`)");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(property + " must be base64 of exactly 32 bytes, got " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static String keyId(SecretKeySpec key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
