/**
 * How a database transaction learns whose data it may touch: every transaction runs as the
 * unprivileged runtime role with the caller's tenant in a transaction-local setting, which the
 * row-level security policies read.
 */
@NullMarked
package io.hookline.tenancy.db;

import org.jspecify.annotations.NullMarked;
