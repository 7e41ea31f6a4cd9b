/**
 * How a delivery proves where it came from: Standard Webhooks signatures
 * ({@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}, one per valid
 * secret during a rotation), plus the {@code x-secret} and {@code message-hash} schemes.
 */
@NullMarked
package io.hookline.delivery.signing;

import org.jspecify.annotations.NullMarked;
