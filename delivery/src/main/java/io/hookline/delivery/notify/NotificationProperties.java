package io.hookline.delivery.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hookline.notifications.*}.
 *
 * @param failingInterval least time between two {@code webhook.failing} events about one webhook
 * @param interval at most one notification (portal entry and e-mail) per webhook and kind within this time; later
 *     occurrences are counted on it
 * @param portalUrl the portal's public address, for the links in e-mails; empty = {@code hookline.delivery.public-url}
 *     + {@code /portal/}, or this node's {@code http://localhost:<port>/portal/}
 * @param mailFrom the sender address of notification e-mails
 * @param mailPollInterval how often a node looks for notification e-mails to send (besides right after the commit
 *     that wrote one)
 * @param mailRetryDelay wait before trying a failed e-mail again; doubles with each failure
 * @param mailMaxRetryDelay the longest wait between two tries of one e-mail
 * @param mailGiveUpAfter an e-mail still not sent this long after its notification was written is given up
 *     ({@code failed}); the notification stays in the portal
 * @param retention how long notifications are kept after they were written
 */
@ConfigurationProperties("hookline.notifications")
public record NotificationProperties(
        @DefaultValue("1h") Duration failingInterval,
        @DefaultValue("1h") Duration interval,
        @DefaultValue("") String portalUrl,
        @DefaultValue("hookline@localhost") String mailFrom,
        @DefaultValue("5s") Duration mailPollInterval,
        @DefaultValue("30s") Duration mailRetryDelay,
        @DefaultValue("30m") Duration mailMaxRetryDelay,
        @DefaultValue("3d") Duration mailGiveUpAfter,
        @DefaultValue("90d") Duration retention) {}
