/** {@code /v1/events}: publishing events from other platform services, and reading a tenant's events. */
@NullMarked
package io.hookline.api.event;

import org.jspecify.annotations.NullMarked;
