/** {@code /v1/notifications}: the tenant's notifications as the caller reads them, and their read mark. */
@NullMarked
package io.hookline.api.notification;

import org.jspecify.annotations.NullMarked;
