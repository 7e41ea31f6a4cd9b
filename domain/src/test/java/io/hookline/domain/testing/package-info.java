/** Test support shared by every module's tests: the real PostgreSQL they run against. */
@NullMarked
package io.hookline.domain.testing;

import org.jspecify.annotations.NullMarked;
