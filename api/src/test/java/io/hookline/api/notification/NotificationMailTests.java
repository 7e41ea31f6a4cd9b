package io.hookline.api.notification;

import static io.hookline.domain.jooq.Tables.NOTIFICATION;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.Receiver;
import io.hookline.api.support.Receiver.Reply;
import io.hookline.api.support.RunningApp;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Notification e-mails through a real SMTP server in this JVM (GreenMail), read back as a mail
 * client would, from a node whose worker runs and whose mail is on. It runs in the JVM of the
 * cluster tests (see api/pom.xml): another test's node, with mail off, would settle some of these
 * deliveries and write their notices without an e-mail.
 */
class NotificationMailTests {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String PORTAL = "https://hooks.example.test/portal/";
    private static final String FROM = "alerts@hookline.example";

    private static GreenMail smtp;
    private static int port;
    private static RunningApp node;
    private static ApiClient api;

    private final Receiver receiver = new Receiver();

    @BeforeAll
    static void startMailServerAndNode() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        port = smtp.getSmtp().getPort();
        node = RunningApp.startWithDelivery(Map.of(
                "spring.mail.host", "127.0.0.1",
                "spring.mail.port", String.valueOf(port),
                "hookline.notifications.portal-url", PORTAL,
                "hookline.notifications.mail-from", FROM,
                "hookline.notifications.mail-poll-interval", "200ms",
                "hookline.notifications.mail-retry-delay", "200ms",
                "hookline.notifications.mail-max-retry-delay", "500ms"));
        api = node.client();
    }

    @AfterAll
    static void stopNodeAndMailServer() {
        node.close();
        smtp.stop();
    }

    /** A test that stopped the server and failed before starting it again leaves one for the next. */
    @BeforeEach
    void mailServerRuns() {
        if (!smtp.isRunning()) {
            smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
        }
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private String webhook(TestTenant tenant, String name, Object retry) {
        return webhook(tenant, receiver, name, retry);
    }

    private String webhook(TestTenant tenant, Receiver receiver, String name, Object retry) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("url", receiver.url("/" + name.replace(' ', '-') + "?token=s3cr3t-in-url"));
        body.put("events", List.of("order.placed"));
        body.put("retry", retry);
        return api.create(tenant, "/v1/webhooks", body);
    }

    private static String address(TestTenant tenant, String who) {
        return who + "-" + tenant.code().toLowerCase() + "@acme.example";
    }

    /**
     * The e-mails addressed to {@code recipient}, in the order they arrived, each once (GreenMail
     * keeps one copy per recipient's mailbox; {@link #copies} counts those).
     */
    private static List<MimeMessage> mailTo(String recipient) {
        Map<String, MimeMessage> distinct = new LinkedHashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                if (Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> ((InternetAddress) a).getAddress().equals(recipient))) {
                    distinct.putIfAbsent(message.getMessageID(), message);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return List.copyOf(distinct.values());
    }

    /** How many mailboxes got this e-mail. */
    private static long copies(MimeMessage mail) throws MessagingException {
        String id = mail.getMessageID();
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        return id.equals(m.getMessageID());
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .count();
    }

    private static List<MimeMessage> awaitMail(String recipient, int count) {
        Awaitility.await()
                .atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> mailTo(recipient).size() >= count);
        return mailTo(recipient);
    }

    private static String text(MimeMessage message) {
        try {
            return (String) message.getContent();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> to(MimeMessage message) throws MessagingException {
        return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                .map(a -> ((InternetAddress) a).getAddress())
                .toList();
    }

    private JsonNode notice(TestTenant tenant, String type) {
        return api.pageAll(tenant, "/v1/notifications?limit=100").stream()
                .filter(n -> n.get("type").asString().equals(type))
                .findFirst()
                .orElseThrow();
    }

    private void awaitFinal(TestTenant tenant, String webhookId, int count, String status) {
        Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode data = api.deliveries(tenant, webhookId);
            return data.size() == count && data.get(0).get("status").asString().equals(status);
        });
    }

    @Test
    void exhaustedRecoveredAndDisabledAreEMailedOncePerHourWithALinkAndNothingSecret() throws Exception {
        TestTenant tenant = api.newTenant();
        String ops = address(tenant, "ops");
        String oncall = address(tenant, "oncall");
        assertThat(api.patch("/v1/tenant/settings", Map.of("notificationEmails", List.of(ops, oncall)), tenant)
                        .status())
                .isEqualTo(200);
        receiver.byDefault(request -> Reply.status(503));
        String flaky = webhook(tenant, "ERP sync", Map.of("maxAttempts", 2));

        String event = api.publishSample(tenant, "order.placed");
        awaitFinal(tenant, flaky, 1, "failed");
        String delivery = api.deliveries(tenant, flaky).get(0).get("id").asString();

        MimeMessage exhausted = awaitMail(ops, 1).getFirst();
        assertThat(exhausted.getSubject()).isEqualTo("[Hookline] A delivery to webhook \"ERP sync\" failed for good");
        assertThat(to(exhausted)).containsExactly(ops, oncall);
        assertThat(((InternetAddress) exhausted.getFrom()[0]).getAddress()).isEqualTo(FROM);
        String body = text(exhausted);
        assertThat(body)
                .contains("Tenant:  Test " + tenant.code() + " (" + tenant.code() + ")")
                .contains("Webhook: ERP sync (" + flaky + ")")
                .contains("What:    Delivery " + delivery + " of order.placed event " + event
                        + " failed after 2 attempts (last: HTTP 503)")
                .contains("Open it in the portal: " + PORTAL + "#/webhooks/" + flaky + "/log")
                .contains("All notifications:     " + PORTAL + "#/notifications")
                // never the webhook's URL (it may carry a token), a secret or the event's data
                .doesNotContain("s3cr3t-in-url")
                .doesNotContain(receiver.url(""))
                .doesNotContain("whsec_")
                .doesNotContain("{");
        assertThat(mailTo(oncall)).hasSize(1);
        assertThat(copies(exhausted)).isEqualTo(2);
        Awaitility.await()
                .atMost(DEADLINE)
                .until(() -> notice(tenant, "delivery.exhausted")
                        .get("emailStatus")
                        .asString()
                        .equals("sent"));
        assertThat(notice(tenant, "delivery.exhausted").get("emailedAt").isNull())
                .isFalse();

        // the streak they were told about ends: they hear of the recovery
        receiver.byDefault(request -> Reply.status(200));
        api.publishSample(tenant, "order.placed");
        MimeMessage recovered = awaitMail(ops, 2).get(1);
        assertThat(recovered.getSubject()).isEqualTo("[Hookline] Webhook \"ERP sync\" recovered");
        assertThat(text(recovered))
                .contains("What:    The webhook succeeded again after 2 attempts failed in a row since ")
                .contains(PORTAL + "#/webhooks/" + flaky + "/log");

        // another exhausted delivery within the hour: counted on the notice, no second e-mail
        receiver.byDefault(request -> Reply.status(503));
        api.publishSample(tenant, "order.placed");
        awaitFinal(tenant, flaky, 3, "failed");
        Awaitility.await()
                .atMost(DEADLINE)
                .until(() ->
                        notice(tenant, "delivery.exhausted").get("occurrences").asInt() == 2);
        assertThat(api.pageAll(tenant, "/v1/notifications")).hasSize(2);

        // a disable goes out at once, to both
        String gone;
        try (Receiver retired = new Receiver()) {
            retired.byDefault(request -> Reply.status(410));
            gone = webhook(tenant, retired, "Old CRM", Map.of("enabled", false));
            api.publishSample(tenant, "order.placed");
            awaitFinal(tenant, gone, 1, "failed");
        }
        MimeMessage disabled = awaitMail(oncall, 3).get(2);
        assertThat(disabled.getSubject()).isEqualTo("[Hookline] Webhook \"Old CRM\" was disabled");
        assertThat(text(disabled))
                .contains("What:    The webhook was disabled: the endpoint answered 410 Gone.")
                .contains("Open it in the portal: " + PORTAL + "#/webhooks/" + gone)
                .doesNotContain(PORTAL + "#/webhooks/" + gone + "/log");
        assertThat(mailTo(ops)).hasSize(3);
    }

    @Test
    void aDeadMailServerDelaysTheEMailButNeitherLosesItNorSlowsDeliveries() throws Exception {
        TestTenant tenant = api.newTenant();
        String ops = address(tenant, "ops");
        api.patch("/v1/tenant/settings", Map.of("notificationEmails", List.of(ops)), tenant);
        smtp.stop();

        receiver.byDefault(request -> Reply.status(410));
        String gone = webhook(tenant, "gone", Map.of("enabled", false));
        api.publishSample(tenant, "order.placed");
        awaitFinal(tenant, gone, 1, "failed");

        // the sender keeps trying, with the notice kept pending and the reason recorded
        DSLContext dsl = node.bean(DSLContext.class);
        Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
            Record row = dsl.select(NOTIFICATION.MAIL_ATTEMPTS, NOTIFICATION.MAIL_STATE)
                    .from(NOTIFICATION)
                    .where(NOTIFICATION.TENANT_ID.eq(tenant.id()))
                    .fetchOne();
            return row != null && row.get(NOTIFICATION.MAIL_ATTEMPTS) >= 3;
        });
        Record failing = dsl.selectFrom(NOTIFICATION)
                .where(NOTIFICATION.TENANT_ID.eq(tenant.id()))
                .fetchSingle();
        assertThat(failing.get(NOTIFICATION.MAIL_STATE)).isEqualTo("pending");
        assertThat(failing.get(NOTIFICATION.MAIL_ERROR)).startsWith("MailSendException");
        assertThat(notice(tenant, "webhook.disabled").get("emailStatus").asString())
                .isEqualTo("pending");

        // a server that takes the connection and never answers holds the sender in a read (up
        // to the 10 s SMTP timeout): meanwhile deliveries go out as ever
        try (HungServer hung = new HungServer(port)) {
            Awaitility.await().atMost(DEADLINE).until(() -> hung.accepted() > 0);
            receiver.byDefault(request -> Reply.status(200));
            String healthy = webhook(tenant, "healthy", Map.of("enabled", false));
            long started = System.nanoTime();
            api.publishSample(tenant, "order.placed");
            awaitFinal(tenant, healthy, 1, "succeeded");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }

        // the server comes back on its port: the e-mail is sent, once
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        MimeMessage mail = awaitMail(ops, 1).getFirst();
        assertThat(mail.getSubject()).isEqualTo("[Hookline] Webhook \"gone\" was disabled");
        assertThat(to(mail)).containsExactly(ops);
        Awaitility.await()
                .atMost(DEADLINE)
                .until(() -> notice(tenant, "webhook.disabled")
                        .get("emailStatus")
                        .asString()
                        .equals("sent"));
        assertThat(mailTo(ops)).hasSize(1);
    }

    @Test
    void aTenantWithoutAddressesGetsTheNoticeInThePortalOnly() {
        TestTenant tenant = api.newTenant();
        receiver.byDefault(request -> Reply.status(410));
        webhook(tenant, "gone", Map.of("enabled", false));

        api.publishSample(tenant, "order.placed");

        Awaitility.await()
                .atMost(DEADLINE)
                .until(() -> !api.pageAll(tenant, "/v1/notifications").isEmpty());
        JsonNode notice = notice(tenant, "webhook.disabled");
        assertThat(notice.get("emailStatus").asString()).isEqualTo("none");
        assertThat(notice.get("emailedAt").isNull()).isTrue();
    }

    /** Listens on a port, accepts every connection and never sends a byte; closing it resets them all. */
    private static final class HungServer implements AutoCloseable {

        private final ServerSocket server;
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        HungServer(int port) throws IOException {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress("127.0.0.1", port));
            acceptor = Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        held.add(server.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        int accepted() {
            return held.size();
        }

        @Override
        public void close() throws Exception {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
            acceptor.join();
        }
    }
}
