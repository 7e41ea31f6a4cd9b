/**
 * The failures the domain reports to its callers in terms a client can act on: not found,
 * conflict, invalid values (with the field each one concerns). The API maps each to one
 * problem type; nothing here knows about HTTP.
 */
@NullMarked
package io.hookline.domain.problem;

import org.jspecify.annotations.NullMarked;
