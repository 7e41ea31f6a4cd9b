/**
 * What a person is told about a tenant's webhooks: a notification per webhook and kind
 * ({@code webhook.disabled}, {@code delivery.exhausted}, {@code webhook.recovered}) per window,
 * later occurrences counted on it, written in the worker transaction of the change it reports;
 * each caller's read mark; and the outbox of the e-mails, claimed and settled by the sender that
 * drains it after commit.
 */
@NullMarked
package io.hookline.domain.notification;

import org.jspecify.annotations.NullMarked;
