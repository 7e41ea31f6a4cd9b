/**
 * The database as a running thing: the embedded PostgreSQL the app starts when no database is
 * configured, and the transaction manager that scopes each transaction to the caller's tenant
 * under the unprivileged runtime role.
 */
@NullMarked
package io.hookline.domain.db;

import org.jspecify.annotations.NullMarked;
