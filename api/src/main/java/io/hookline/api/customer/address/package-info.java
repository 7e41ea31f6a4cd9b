/** {@code /v1/customers/{id}/addresses}: a customer's addresses, each change a catalog event, listable by what changed since. */
@NullMarked
package io.hookline.api.customer.address;

import org.jspecify.annotations.NullMarked;
