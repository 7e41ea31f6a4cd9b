/**
 * "Everything changed since": the change clock that stamps each write of a tenant's commerce
 * data in commit order, and the keyset position ({@code updated_at}, {@code id}) every
 * commerce list pages by.
 */
@NullMarked
package io.hookline.domain.sync;

import org.jspecify.annotations.NullMarked;
