/** {@code /v1/webhooks}: the webhook management API of SPEC §5 — thin mapping onto the domain's registry. */
@NullMarked
package io.hookline.api.webhook;

import org.jspecify.annotations.NullMarked;
