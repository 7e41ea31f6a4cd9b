/** {@code /v1/webhooks}: the webhook management API (`openapi/openapi.yaml`) — thin mapping onto the domain's registry. */
@NullMarked
package io.hookline.api.webhook;

import org.jspecify.annotations.NullMarked;
