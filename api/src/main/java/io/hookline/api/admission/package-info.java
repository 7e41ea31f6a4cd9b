/**
 * Admission control for the public API: how many {@code /v1} requests a node works on at once,
 * so a flood of API calls queues in front of the node instead of taking every database
 * connection and processor from the delivery worker.
 */
@NullMarked
package io.hookline.api.admission;

import org.jspecify.annotations.NullMarked;
