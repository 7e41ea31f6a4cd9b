/** {@code /v1/event-types}: the event catalog — every type, its JSON Schema and a sample envelope. */
@NullMarked
package io.hookline.api.catalog;

import org.jspecify.annotations.NullMarked;
