/**
 * Telling a person: the settings of operational events and notifications, the sender that drains
 * the notification e-mails after commit over SMTP (only where {@code spring.mail.host} is set),
 * with backoff while the mail server is down, and the removal of old notifications.
 */
@NullMarked
package io.hookline.delivery.notify;

import org.jspecify.annotations.NullMarked;
