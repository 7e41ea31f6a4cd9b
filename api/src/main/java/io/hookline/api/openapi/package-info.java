/**
 * The OpenAPI contract as served at {@code /v3/api-docs}: stable operation ids and tags from the
 * controllers, plus what every operation shares — the bearer scheme with the scopes each one
 * needs, the {@code X-Tenant-ID} header, the problem responses and the rate-limit headers.
 */
@NullMarked
package io.hookline.api.openapi;

import org.jspecify.annotations.NullMarked;
