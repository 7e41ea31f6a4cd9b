/**
 * The delivery log a tenant reads: deliveries per webhook with their attempts (request and
 * response as sent and received, secrets masked), and the operator actions on it — resend one
 * delivery, recover every failed delivery of a webhook since a time, settle an async
 * acknowledgement through its capability link.
 */
@NullMarked
package io.hookline.delivery.log;

import org.jspecify.annotations.NullMarked;
