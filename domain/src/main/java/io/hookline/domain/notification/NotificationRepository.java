package io.hookline.domain.notification;

import static io.hookline.domain.jooq.Tables.NOTIFICATION;
import static io.hookline.domain.jooq.Tables.NOTIFICATION_READ_MARK;
import static io.hookline.domain.jooq.Tables.WEBHOOK;

import io.hookline.tenancy.TenantId;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** The {@code notification} and {@code notification_read_mark} tables; joins the caller's transaction. */
@Repository
class NotificationRepository {

    private final DSLContext dsl;

    NotificationRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    // --- written by the worker ------------------------------------------------------------

    /**
     * The webhook's name, its row locked until commit so that two nodes counting the same
     * webhook's notices take turns (the worker usually holds this lock already: it has just
     * moved the webhook's failure streak). Empty when the webhook is gone.
     */
    Optional<String> lockWebhook(TenantId tenant, String webhookId) {
        return dsl.select(WEBHOOK.NAME)
                .from(WEBHOOK)
                .where(WEBHOOK.TENANT_ID.eq(tenant.value()), WEBHOOK.ID.eq(webhookId))
                .forNoKeyUpdate()
                .fetchOptional(WEBHOOK.NAME);
    }

    /** The newest notice of this webhook and kind created within {@code window} of now, if any. */
    Optional<String> openNotice(TenantId tenant, String webhookId, NotificationKind kind, Duration window) {
        return dsl.select(NOTIFICATION.ID)
                .from(NOTIFICATION)
                .where(
                        NOTIFICATION.TENANT_ID.eq(tenant.value()),
                        NOTIFICATION.WEBHOOK_ID.eq(webhookId),
                        NOTIFICATION.KIND.eq(kind.literal()),
                        DSL.condition(
                                "{0} > now() - make_interval(secs => {1})",
                                NOTIFICATION.CREATED_AT, DSL.val(window.toMillis() / 1000.0)))
                .orderBy(NOTIFICATION.ID.desc())
                .limit(1)
                .fetchOptional(NOTIFICATION.ID);
    }

    void countOccurrence(String notificationId) {
        dsl.update(NOTIFICATION)
                .set(NOTIFICATION.OCCURRENCES, NOTIFICATION.OCCURRENCES.plus(1))
                .set(NOTIFICATION.LAST_OCCURRED_AT, DSL.currentOffsetDateTime())
                .where(NOTIFICATION.ID.eq(notificationId))
                .execute();
    }

    /**
     * A new notice; its e-mail is {@code pending} (due now) when {@code mail} is on and the tenant
     * has addresses, else {@code none}.
     */
    void insert(
            String id,
            TenantId tenant,
            String webhookId,
            String webhookName,
            NotificationKind kind,
            String detail,
            @Nullable String deliveryId,
            boolean mail) {
        dsl.execute("""
                insert into notification (id, tenant_id, webhook_id, webhook_name, kind, detail, delivery_id,
                                          created_at, last_occurred_at, mail_state, mail_next_at)
                select ?, t.id, ?, ?, ?, ?, ?, now(), now(),
                       case when ? and cardinality(t.notification_emails) > 0 then 'pending' else 'none' end,
                       case when ? and cardinality(t.notification_emails) > 0 then now() end
                  from tenant t where t.id = ?
                """, id, webhookId, webhookName, kind.literal(), detail, deliveryId, mail, mail, tenant.value());
    }

    // --- read by the tenant ---------------------------------------------------------------

    /** Up to {@code limit} notices older than {@code beforeId} (or the newest), newest first. */
    List<Notification> page(TenantId tenant, String subject, @Nullable String beforeId, int limit) {
        Field<String> mark = readMark(tenant, subject);
        var condition = NOTIFICATION.TENANT_ID.eq(tenant.value());
        if (beforeId != null) {
            condition = condition.and(NOTIFICATION.ID.lt(beforeId));
        }
        return dsl.select(NOTIFICATION.asterisk(), NOTIFICATION.ID.le(mark).as("read"))
                .from(NOTIFICATION)
                .where(condition)
                .orderBy(NOTIFICATION.ID.desc())
                .limit(limit)
                .fetch(NotificationRepository::notification);
    }

    long unread(TenantId tenant, String subject) {
        return dsl.fetchCount(
                NOTIFICATION, NOTIFICATION.TENANT_ID.eq(tenant.value()), NOTIFICATION.ID.gt(readMark(tenant, subject)));
    }

    boolean exists(TenantId tenant, String notificationId) {
        return dsl.fetchExists(
                NOTIFICATION, NOTIFICATION.TENANT_ID.eq(tenant.value()), NOTIFICATION.ID.eq(notificationId));
    }

    Optional<String> newest(TenantId tenant) {
        return dsl.select(DSL.max(NOTIFICATION.ID))
                .from(NOTIFICATION)
                .where(NOTIFICATION.TENANT_ID.eq(tenant.value()))
                .fetchOptional(0, String.class);
    }

    /** Moves the caller's mark forward to {@code upTo}; never back. */
    void markRead(TenantId tenant, String subject, String upTo) {
        dsl.insertInto(NOTIFICATION_READ_MARK)
                .set(NOTIFICATION_READ_MARK.TENANT_ID, tenant.value())
                .set(NOTIFICATION_READ_MARK.SUBJECT, subject)
                .set(NOTIFICATION_READ_MARK.READ_UP_TO, upTo)
                .set(NOTIFICATION_READ_MARK.UPDATED_AT, DSL.currentOffsetDateTime())
                .onConflict(NOTIFICATION_READ_MARK.TENANT_ID, NOTIFICATION_READ_MARK.SUBJECT)
                .doUpdate()
                .set(
                        NOTIFICATION_READ_MARK.READ_UP_TO,
                        DSL.greatest(
                                NOTIFICATION_READ_MARK.READ_UP_TO, DSL.excluded(NOTIFICATION_READ_MARK.READ_UP_TO)))
                .set(NOTIFICATION_READ_MARK.UPDATED_AT, DSL.currentOffsetDateTime())
                .execute();
    }

    /** The caller's mark as a scalar subquery; '' (before every id) when they never marked anything. */
    private Field<String> readMark(TenantId tenant, String subject) {
        return DSL.coalesce(
                DSL.field(DSL.select(NOTIFICATION_READ_MARK.READ_UP_TO)
                        .from(NOTIFICATION_READ_MARK)
                        .where(
                                NOTIFICATION_READ_MARK.TENANT_ID.eq(tenant.value()),
                                NOTIFICATION_READ_MARK.SUBJECT.eq(subject))),
                DSL.inline(""));
    }

    private static Notification notification(Record row) {
        return new Notification(
                row.get(NOTIFICATION.ID),
                NotificationKind.of(row.get(NOTIFICATION.KIND)).orElseThrow(),
                row.get(NOTIFICATION.WEBHOOK_ID),
                row.get(NOTIFICATION.WEBHOOK_NAME),
                row.get(NOTIFICATION.DETAIL),
                row.get(NOTIFICATION.DELIVERY_ID),
                row.get(NOTIFICATION.OCCURRENCES),
                row.get(NOTIFICATION.CREATED_AT),
                row.get(NOTIFICATION.LAST_OCCURRED_AT),
                row.get("read", Boolean.class),
                row.get(NOTIFICATION.MAIL_STATE),
                row.get(NOTIFICATION.MAILED_AT));
    }

    // --- the e-mail outbox ----------------------------------------------------------------

    /**
     * Claims up to {@code limit} due e-mails across tenants ({@code SKIP LOCKED}: nodes never take
     * the same one) and moves each one's due time {@code lease} ahead, so a node that dies while
     * sending leaves it to be tried again then.
     */
    List<MailJob> claimMails(int limit, Duration lease) {
        return dsl.fetch("""
                        update notification n
                           set mail_attempts = n.mail_attempts + 1, mail_next_at = now() + make_interval(secs => ?)
                          from (select id from notification
                                 where mail_state = 'pending' and mail_next_at <= now()
                                 order by mail_next_at limit ?
                                   for update skip locked) due, tenant t
                         where n.id = due.id and t.id = n.tenant_id
                        returning n.id, n.tenant_id, t.name, t.administration_code, t.notification_emails, n.kind,
                                  n.webhook_id, n.webhook_name, n.detail, n.delivery_id, n.occurrences, n.created_at,
                                  n.mail_attempts
                        """, lease.toMillis() / 1000.0, limit)
                .map(row -> new MailJob(
                        row.get("id", String.class),
                        row.get("tenant_id", String.class),
                        row.get("name", String.class),
                        row.get("administration_code", String.class),
                        List.of(row.get("notification_emails", String[].class)),
                        NotificationKind.of(row.get("kind", String.class)).orElseThrow(),
                        row.get("webhook_id", String.class),
                        row.get("webhook_name", String.class),
                        row.get("detail", String.class),
                        row.get("delivery_id", String.class),
                        row.get("occurrences", Integer.class),
                        row.get("created_at", OffsetDateTime.class),
                        row.get("mail_attempts", Integer.class)));
    }

    void settleMail(String notificationId, String state, @Nullable OffsetDateTime next, @Nullable String error) {
        dsl.update(NOTIFICATION)
                .set(NOTIFICATION.MAIL_STATE, state)
                .set(NOTIFICATION.MAIL_NEXT_AT, next)
                .set(NOTIFICATION.MAIL_ERROR, error)
                .set(
                        NOTIFICATION.MAILED_AT,
                        state.equals("sent") ? DSL.currentOffsetDateTime() : DSL.inline((OffsetDateTime) null))
                .where(NOTIFICATION.ID.eq(notificationId), NOTIFICATION.MAIL_STATE.eq("pending"))
                .execute();
    }

    /**
     * Removes up to {@code batch} notices whose id (a ULID made when the notice was written) is
     * below {@code cutoffId}, oldest first; returns how many. The primary key serves the range.
     */
    int deleteBefore(String cutoffId, int batch) {
        return dsl.deleteFrom(NOTIFICATION)
                .where(NOTIFICATION.ID.in(DSL.select(NOTIFICATION.ID)
                        .from(NOTIFICATION)
                        .where(NOTIFICATION.ID.lt(cutoffId))
                        .orderBy(NOTIFICATION.ID)
                        .limit(batch)))
                .execute();
    }
}
