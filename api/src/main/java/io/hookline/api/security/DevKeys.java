package io.hookline.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import org.jspecify.annotations.Nullable;

/**
 * Dev mode's own token-signing key. Kept in {@code hookline.dev.key-file} when one is set (the
 * embedded default keeps it beside its data, so tokens survive a restart, and nodes pointed at
 * one file accept each other's tokens); otherwise made fresh at each start.
 */
public final class DevKeys {

    public static final String ISSUER = "hookline-dev";
    public static final String AUDIENCE = "hookline-api";

    private final RSAKey key;

    public DevKeys(@Nullable Path file) {
        this.key = file == null ? generate() : loadOrCreate(file);
    }

    private static synchronized RSAKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return JWK.parse(Files.readString(file, StandardCharsets.UTF_8)).toRSAKey();
            }
            RSAKey key = generate();
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path temp = Files.createTempFile(parent, "dev-key", ".json");
            Files.writeString(temp, key.toJSONString(), StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                Files.deleteIfExists(temp);
            }
            return JWK.parse(Files.readString(file, StandardCharsets.UTF_8)).toRSAKey();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write the dev signing key " + file, e);
        } catch (ParseException e) {
            throw new IllegalStateException(
                    "the dev signing key file " + file + " is not a JWK; delete it to make a new one", e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .keyIDFromThumbprint(true)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate the dev signing key", e);
        }
    }

    public RSAKey signingKey() {
        return key;
    }

    public RSAKey publicKey() {
        return key.toPublicJWK();
    }
}
