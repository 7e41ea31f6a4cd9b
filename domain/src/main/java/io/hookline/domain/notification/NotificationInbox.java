package io.hookline.domain.notification;

import io.hookline.domain.page.Page;
import io.hookline.domain.page.PageRequest;
import io.hookline.domain.problem.DomainException;
import io.hookline.tenancy.IdPrefix;
import io.hookline.tenancy.Ids;
import io.hookline.tenancy.TenantId;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The tenant's notifications: written by the delivery worker in the transaction of the change
 * they report (so a rolled-back change tells nobody, and a committed one is never lost), read
 * and marked read by the tenant, and the outbox their e-mails are drained from after commit.
 */
@Service
public class NotificationInbox {

    private final NotificationRepository notifications;
    private final List<Runnable> mailListeners = new CopyOnWriteArrayList<>();

    NotificationInbox(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    /** A page of the caller's view of the notices, and how many they have not read. */
    public record Listing(Page<Notification> page, long unreadCount) {}

    // --- written by the worker, in its transaction -----------------------------------------

    /**
     * Reports {@code kind} for the webhook: a new notice (and, with {@code mail} on and addresses
     * set, its e-mail) unless one of this webhook and kind was created within {@code window}, in
     * which case that one counts one more occurrence. Returns whether a new notice was written;
     * false as well when the webhook is gone.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean report(
            TenantId tenant,
            String webhookId,
            NotificationKind kind,
            String detail,
            @Nullable String deliveryId,
            boolean mail,
            Duration window) {
        Optional<String> name = notifications.lockWebhook(tenant, webhookId);
        if (name.isEmpty()) {
            return false;
        }
        Optional<String> open = notifications.openNotice(tenant, webhookId, kind, window);
        if (open.isPresent()) {
            notifications.countOccurrence(open.get());
            return false;
        }
        notifications.insert(
                Ids.next(IdPrefix.NOTIFICATION),
                tenant,
                webhookId,
                name.get(),
                kind,
                detail.length() > 1000 ? detail.substring(0, 1000) : detail,
                deliveryId,
                mail);
        if (mail && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    mailListeners.forEach(Runnable::run);
                }
            });
        }
        return true;
    }

    /** Runs {@code listener} after each commit that wrote a notice whose e-mail is due. */
    public void onMailDue(Runnable listener) {
        mailListeners.add(listener);
    }

    // --- read by the tenant --------------------------------------------------------------------

    /** Newest first, keyset-paged by id; {@code read} and the unread count are {@code subject}'s own. */
    @Transactional(readOnly = true)
    public Listing list(TenantId tenant, String subject, PageRequest request) {
        List<Notification> fetched = notifications.page(tenant, subject, request.afterId(), request.limit() + 1);
        return new Listing(
                Page.of(fetched, request.limit(), n -> List.of(n.id())), notifications.unread(tenant, subject));
    }

    /**
     * Marks every notice up to {@code upTo} (all of them when null) read for {@code subject};
     * a mark never moves back. Returns what is still unread. A {@code upTo} the tenant does
     * not have is 404.
     */
    @Transactional
    public long markRead(TenantId tenant, String subject, @Nullable String upTo) {
        if (upTo != null && !notifications.exists(tenant, upTo)) {
            throw new DomainException.NotFound("notification", upTo);
        }
        Optional<String> mark = upTo != null ? Optional.of(upTo) : notifications.newest(tenant);
        mark.ifPresent(id -> notifications.markRead(tenant, subject, id));
        return notifications.unread(tenant, subject);
    }

    // --- the e-mail outbox, in the sender's transactions ----------------------------------------

    /** Claims due e-mails (see {@link NotificationRepository#claimMails}). */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<MailJob> claimMails(int limit, Duration lease) {
        return notifications.claimMails(limit, lease);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void mailSent(String notificationId) {
        notifications.settleMail(notificationId, "sent", null, null);
    }

    /** The tenant has no address (any more): nothing to send. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void mailNotNeeded(String notificationId) {
        notifications.settleMail(notificationId, "none", null, null);
    }

    /** The send failed: try again at {@code next}, or give up ({@code failed}) when null. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void mailFailed(String notificationId, String error, @Nullable OffsetDateTime next) {
        String kept = error.length() > 500 ? error.substring(0, 500) : error;
        notifications.settleMail(notificationId, next == null ? "failed" : "pending", next, kept);
    }

    /** Removes up to {@code batch} notices whose ULID id is below {@code cutoffId}, oldest first; returns how many. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int deleteBefore(String cutoffId, int batch) {
        return notifications.deleteBefore(cutoffId, batch);
    }
}
