/**
 * The delivery log over HTTP ({@code /v1/webhooks/{id}/deliveries}, {@code /v1/deliveries/{id}}),
 * resend, recover, the test endpoint, and the async acknowledgement link ({@code /acks/{token}}).
 */
@NullMarked
package io.hookline.api.delivery;

import org.jspecify.annotations.NullMarked;
