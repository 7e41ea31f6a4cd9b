/**
 * Who may call what: JWT verification (issuer, audience, expiry, signature; dev mode's own
 * key), scopes, the tenant header checked against the token's {@code tenants} claim, and the
 * per-tenant and per-IP rate limits — all answered as problems before a controller runs.
 */
@NullMarked
package io.hookline.api.security;

import org.jspecify.annotations.NullMarked;
