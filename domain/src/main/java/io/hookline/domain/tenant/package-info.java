/**
 * The tenant registry: creating and changing tenants (the operator API), and answering, fast
 * and per request, whether a tenant exists and what its limits are.
 */
@NullMarked
package io.hookline.domain.tenant;

import org.jspecify.annotations.NullMarked;
