/**
 * A tenant's storefront sites and the users registered on each: site codes unique per tenant,
 * user e-mail addresses unique per site, users awaiting approval until approved, and every
 * change a catalog event in the same transaction, carrying the site as the event's site.
 */
@NullMarked
package io.hookline.domain.site;

import org.jspecify.annotations.NullMarked;
