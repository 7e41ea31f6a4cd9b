/** Getting events to webhooks: the worker every node runs, the signed request, retries, and the delivery log. */
@NullMarked
package io.hookline.delivery;

import org.jspecify.annotations.NullMarked;
