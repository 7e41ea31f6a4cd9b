/**
 * Keyset pagination shared by every list: a page request ({@code limit}, opaque cursor), a
 * page of results with the cursor of the next one, and the signed cursor codec that makes a
 * cursor opaque and tamper-proof.
 */
@NullMarked
package io.hookline.domain.page;

import org.jspecify.annotations.NullMarked;
