/** Benchmarks: programs that print figures and ratios; targets live here, not in timed tests. */
@NullMarked
package io.hookline.bench;

import org.jspecify.annotations.NullMarked;
