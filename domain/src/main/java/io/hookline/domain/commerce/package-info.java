/**
 * What the commerce resources (sites, customers, items, price lists, orders) share: field rules
 * (codes, names, e-mail, ISO country and currency codes, decimal money, quantities), money, and
 * the data their events carry when a resource is deleted.
 */
@NullMarked
package io.hookline.domain.commerce;

import org.jspecify.annotations.NullMarked;
