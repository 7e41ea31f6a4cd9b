/** {@code /v1/tenant/settings}: the calling tenant's own settings, today where its notifications are e-mailed. */
@NullMarked
package io.hookline.api.settings;

import org.jspecify.annotations.NullMarked;
