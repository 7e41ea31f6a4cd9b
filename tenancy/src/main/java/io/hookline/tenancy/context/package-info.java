/**
 * The caller of the current request: who they are (the token's subject), which tenant the
 * request acts for, and what they may do. Bound per request by the API's security filters
 * and read by the transaction manager to scope row-level security.
 */
@NullMarked
package io.hookline.tenancy.context;

import org.jspecify.annotations.NullMarked;
