/** {@code /v1/customers}: a tenant's customers, each change a catalog event, listable by what changed since. */
@NullMarked
package io.hookline.api.customer;

import org.jspecify.annotations.NullMarked;
