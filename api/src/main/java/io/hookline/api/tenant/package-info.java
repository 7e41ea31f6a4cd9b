/** {@code /v1/tenants}: the operator API (scope {@code platform:admin}) that creates tenants and sets their limits. */
@NullMarked
package io.hookline.api.tenant;

import org.jspecify.annotations.NullMarked;
