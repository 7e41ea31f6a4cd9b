/**
 * {@code /v1/sites} and {@code /v1/sites/{id}/users}: a tenant's storefront sites and their users
 * (with approval), each change a catalog event carrying the site, listable by what changed since.
 */
@NullMarked
package io.hookline.api.site;

import org.jspecify.annotations.NullMarked;
