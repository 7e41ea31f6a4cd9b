/**
 * The tenant admin portal at {@code /portal/}: static ES modules under {@code static/portal}
 * that call only the public {@code /v1} API with a bearer token, plus the little the page needs
 * from the node itself — the redirect to {@code /portal/}, its index, and {@code config.json}
 * (dev mode or the OAuth2 issuer and public client to sign in with).
 */
@NullMarked
package io.hookline.api.portal;

import org.jspecify.annotations.NullMarked;
