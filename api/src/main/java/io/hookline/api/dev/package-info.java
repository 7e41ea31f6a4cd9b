/**
 * Dev mode (embedded default only): a seeded demo tenant, {@code POST /dev/tokens} to mint a
 * token signed by the node's own key, the JWKS that verifies it, and the start-up lines that
 * tell a newcomer how to begin.
 */
@NullMarked
package io.hookline.api.dev;

import org.jspecify.annotations.NullMarked;
