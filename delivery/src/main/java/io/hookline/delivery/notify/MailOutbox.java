package io.hookline.delivery.notify;

import io.hookline.delivery.worker.DeliveryProperties;
import io.hookline.delivery.worker.WorkerTransactions;
import io.hookline.domain.notification.MailJob;
import io.hookline.domain.notification.NotificationInbox;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends the notification e-mails the worker wrote to the outbox ({@code notification} rows whose
 * mail is {@code pending}), on its own thread, after their transaction committed: woken by that
 * commit on this node, and polling every {@code mail-poll-interval} for the rest (other nodes'
 * notices, retries). An e-mail is claimed in one short transaction (its due time moved a lease
 * ahead, so another node does not send it too), sent with no transaction open, and settled in
 * another; a failed send is tried again after a delay that doubles up to
 * {@code mail-max-retry-delay}, and given up only after {@code mail-give-up-after}. So a dead
 * mail server costs the delivery worker nothing and loses no notification. At least once: a
 * node that dies between sending and settling sends that e-mail again after the lease.
 *
 * <p>Present only where {@code spring.mail.host} is set (Spring Boot then makes the
 * {@link JavaMailSender}); elsewhere notices are written with mail {@code none}.
 */
@Component
@ConditionalOnProperty(prefix = "spring.mail", name = "host")
public class MailOutbox implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);
    private static final int BATCH = 20;
    /** How long a claimed e-mail is left to its sender; far above the SMTP timeouts (application.yml). */
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final JavaMailSender mail;
    private final NotificationInbox inbox;
    private final WorkerTransactions transactions;
    private final NotificationProperties properties;
    private final DeliveryProperties delivery;
    private final Environment environment;
    private final Clock clock;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private @Nullable Thread loop;

    MailOutbox(
            JavaMailSender mail,
            NotificationInbox inbox,
            WorkerTransactions transactions,
            NotificationProperties properties,
            DeliveryProperties delivery,
            Environment environment,
            Clock clock) {
        this.mail = mail;
        this.inbox = inbox;
        this.transactions = transactions;
        this.properties = properties;
        this.delivery = delivery;
        this.environment = environment;
        this.clock = clock;
        inbox.onMailDue(this::wake);
    }

    @Override
    public void start() {
        if (running) {
            return;
        }
        running = true;
        loop = Thread.ofVirtual().name("notification-mail").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        wake();
        Thread current = loop;
        if (current != null) {
            try {
                current.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    private void run() {
        while (running) {
            try {
                while (running && drainOnce() == BATCH) {
                    // only a full batch means more may be due
                }
            } catch (RuntimeException e) {
                log.warn("looking for notification e-mails to send failed; trying again shortly", e);
            }
            try {
                if (wakeUps.tryAcquire(properties.mailPollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Sends what is due now; returns how many e-mails it claimed. */
    public int drainOnce() {
        List<MailJob> jobs = transactions.inWorker(() -> inbox.claimMails(BATCH, LEASE));
        for (MailJob job : jobs) {
            send(job);
        }
        return jobs.size();
    }

    private void send(MailJob job) {
        if (job.recipients().isEmpty()) {
            transactions.inWorker(() -> {
                inbox.mailNotNeeded(job.notificationId());
                return true;
            });
            return;
        }
        try {
            mail.send(message(job));
            transactions.inWorker(() -> {
                inbox.mailSent(job.notificationId());
                return true;
            });
        } catch (MailException e) {
            OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
            boolean giveUp = job.createdAt().plus(properties.mailGiveUpAfter()).isBefore(now);
            OffsetDateTime next = giveUp ? null : now.plus(retryDelay(job.attempt()));
            log.warn(
                    "notification {} could not be e-mailed (try {}): {}; {}",
                    job.notificationId(),
                    job.attempt(),
                    e.getMessage(),
                    giveUp ? "giving up" : "trying again at " + next);
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            transactions.inWorker(() -> {
                inbox.mailFailed(job.notificationId(), error, next);
                return true;
            });
        }
    }

    /** 30 s, 1 min, 2 min, … up to the maximum (with the defaults). */
    Duration retryDelay(int attempt) {
        Duration delay = properties.mailRetryDelay();
        for (int i = 1; i < attempt && delay.compareTo(properties.mailMaxRetryDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(properties.mailMaxRetryDelay()) > 0 ? properties.mailMaxRetryDelay() : delay;
    }

    /**
     * The e-mail: what happened to which webhook of which tenant, and links to the portal. Never
     * an event's payload, a secret or the webhook's URL (a URL may carry a token of its own).
     */
    SimpleMailMessage message(MailJob job) {
        String webhook = "\"" + oneLine(job.webhookName()) + "\"";
        String subject = switch (job.kind()) {
            case WEBHOOK_DISABLED -> "Webhook " + webhook + " was disabled";
            case DELIVERY_EXHAUSTED -> "A delivery to webhook " + webhook + " failed for good";
            case WEBHOOK_RECOVERED -> "Webhook " + webhook + " recovered";
        };
        String portal = portalUrl();
        String place = switch (job.kind()) {
            case WEBHOOK_DISABLED -> "#/webhooks/" + job.webhookId();
            case DELIVERY_EXHAUSTED, WEBHOOK_RECOVERED -> "#/webhooks/" + job.webhookId() + "/log";
        };
        StringBuilder text = new StringBuilder()
                .append(subject)
                .append(".\n\n")
                .append("Tenant:  ")
                .append(oneLine(job.tenantName()))
                .append(" (")
                .append(job.administrationCode())
                .append(")\n")
                .append("Webhook: ")
                .append(oneLine(job.webhookName()))
                .append(" (")
                .append(job.webhookId())
                .append(")\n")
                .append("What:    ")
                .append(oneLine(job.detail()))
                .append('\n')
                .append("When:    ")
                .append(DateTimeFormatter.ISO_INSTANT.format(job.createdAt().truncatedTo(ChronoUnit.SECONDS)))
                .append('\n');
        if (job.occurrences() > 1) {
            text.append("Times:   ").append(job.occurrences()).append(" so far\n");
        }
        text.append("\nOpen it in the portal: ")
                .append(portal)
                .append(place)
                .append("\nAll notifications:     ")
                .append(portal)
                .append("#/notifications\n\n")
                .append("You receive this because this address is one of the tenant's notification e-mails"
                        + " (PATCH /v1/tenant/settings). Hookline sends at most one e-mail per webhook and kind per ")
                .append(human(properties.interval()))
                .append(".\n");
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.mailFrom());
        message.setTo(job.recipients().toArray(String[]::new));
        message.setSubject("[Hookline] " + subject);
        message.setText(text.toString());
        return message;
    }

    /** Where the portal is, ending in {@code /}. */
    String portalUrl() {
        String configured = properties.portalUrl();
        if (configured.isBlank()) {
            String base = delivery.publicUrl().isBlank()
                    ? "http://localhost:" + environment.getProperty("local.server.port", "8080")
                    : delivery.publicUrl();
            configured = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/portal/";
        }
        return configured.endsWith("/") ? configured : configured + "/";
    }

    /** Text a tenant chose (a webhook's name) kept on one line: no header can be smuggled in. */
    private static String oneLine(String text) {
        return text.replaceAll("\\p{Cntrl}", " ");
    }

    private static String human(Duration interval) {
        if (interval.toHours() > 0 && interval.equals(Duration.ofHours(interval.toHours()))) {
            return interval.toHours() == 1 ? "hour" : interval.toHours() + " hours";
        }
        if (interval.toMinutes() > 0 && interval.equals(Duration.ofMinutes(interval.toMinutes()))) {
            return interval.toMinutes() == 1 ? "minute" : interval.toMinutes() + " minutes";
        }
        return interval.toSeconds() + " seconds";
    }
}
