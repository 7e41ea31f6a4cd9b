/**
 * The embedded default: when no database is configured, the node starts its own PostgreSQL
 * with data kept in a local folder, keeps a locally generated encryption key beside it, and
 * turns on dev mode. Nothing to install but a JDK.
 */
@NullMarked
package io.hookline.api.embedded;

import org.jspecify.annotations.NullMarked;
