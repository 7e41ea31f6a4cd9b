/** {@code /v1/customers/{id}/contact-persons}: a customer's contact persons, each change a catalog event, listable by what changed since. */
@NullMarked
package io.hookline.api.customer.contactperson;

import org.jspecify.annotations.NullMarked;
