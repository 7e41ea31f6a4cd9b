/**
 * The event catalog: every event type a webhook can subscribe to, with a JSON Schema of its
 * {@code data} and a realistic sample, loaded once from {@code catalog/event-types.json}.
 */
@NullMarked
package io.hookline.domain.catalog;

import org.jspecify.annotations.NullMarked;
