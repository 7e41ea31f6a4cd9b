/**
 * Identity primitives shared by every module: typed, prefixed ULID identifiers and the tenant
 * id that scopes every piece of tenant data.
 */
@NullMarked
package io.hookline.tenancy;

import org.jspecify.annotations.NullMarked;
