package io.hookline.delivery.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.hookline.domain.delivery.AttemptClass;
import io.hookline.domain.network.OutboundAddressPolicy;
import io.hookline.domain.testing.HostileReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbound client against a real local HTTP server. */
class WebhookHttpClientTests {

    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final Set<Integer> clientPorts = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final HttpServer server = start();

    private HttpServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            http.createContext("/", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    in.readAllBytes();
                }
                paths.add(exchange.getRequestURI().getPath());
                clientPorts.add(exchange.getRemoteAddress().getPort());
                byte[] body = switch (exchange.getRequestURI().getPath()) {
                    case "/big" -> "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);
                    default -> "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                };
                if (exchange.getRequestURI().getPath().equals("/redirect")) {
                    exchange.getResponseHeaders().add("Location", "/elsewhere");
                    exchange.sendResponseHeaders(307, -1);
                } else {
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
                exchange.close();
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static WebhookHttpClient client(List<String> allowedNetworks) {
        return new WebhookHttpClient(
                new OutboundAddressPolicy(true, allowedNetworks, OutboundAddressPolicy.systemResolver()), "test", 4);
    }

    @Test
    void theAddressActuallyDialledIsCheckedAndABlockedOneIsNeverContacted() throws IOException {
        try (WebhookHttpClient guarded = client(List.of())) {
            WebhookHttpClient.Outcome outcome = guarded.post(url("/hook"), Map.of(), "{}", 5);

            assertThat(outcome.status()).isNull();
            assertThat(outcome.error()).isEqualTo("refused: the webhook's host resolves to a non-public address");
            assertThat(outcome.attemptClass()).isEqualTo(AttemptClass.CONNECTION);
            assertThat(paths).isEmpty();
        }
    }

    @Test
    void anAllowedReceiverIsPostedToAndConnectionsAreReused() throws IOException {
        try (WebhookHttpClient client = client(List.of("127.0.0.0/8"))) {
            for (int i = 0; i < 5; i++) {
                WebhookHttpClient.Outcome outcome = client.post(url("/hook"), Map.of("X-Test", "1"), "{}", 5);
                assertThat(outcome.status()).isEqualTo(200);
                assertThat(outcome.body()).isEqualTo("{\"ok\":true}");
                assertThat(outcome.attemptClass()).isEqualTo(AttemptClass.SUCCEEDED);
            }
            assertThat(paths).hasSize(5);
            assertThat(new HashSet<>(clientPorts))
                    .as("one kept-alive connection for five requests")
                    .hasSize(1);
        }
    }

    @Test
    void onlyTheFirst4KiBOfAResponseAreKept() throws IOException {
        try (WebhookHttpClient client = client(List.of("127.0.0.0/8"))) {
            WebhookHttpClient.Outcome outcome = client.post(url("/big"), Map.of(), "{}", 5);
            assertThat(outcome.status()).isEqualTo(200);
            assertThat(outcome.body()).hasSize(WebhookHttpClient.KEPT_BODY_BYTES);
        }
    }

    @Test
    void redirectsAreReportedNotFollowed() throws IOException {
        try (WebhookHttpClient client = client(List.of("127.0.0.0/8"))) {
            WebhookHttpClient.Outcome outcome = client.post(url("/redirect"), Map.of(), "{}", 5);
            assertThat(outcome.status()).isEqualTo(307);
            assertThat(outcome.attemptClass()).isEqualTo(AttemptClass.OTHER);
            assertThat(paths).containsExactly("/redirect");
        }
    }

    @Test
    void aClosedPortIsAConnectionErrorNotAnException() throws IOException {
        int port = server.getAddress().getPort();
        server.stop(0);
        try (WebhookHttpClient client = client(List.of("127.0.0.0/8"))) {
            WebhookHttpClient.Outcome outcome = client.post("http://127.0.0.1:" + port + "/hook", Map.of(), "{}", 5);
            assertThat(outcome.status()).isNull();
            assertThat(outcome.error()).isEqualTo("connection refused");
            assertThat(outcome.attemptClass()).isEqualTo(AttemptClass.CONNECTION);
        }
    }

    @Test
    void aReceiverTricklingOneByteASecondIsCutOffAtTheDeadlineNotAtAnIdleGap() throws IOException {
        try (HostileReceiver receiver = new HostileReceiver(HostileReceiver.trickle(Duration.ofMillis(300)));
                WebhookHttpClient client = client(List.of("127.0.0.0/8"))) {
            long started = System.nanoTime();
            WebhookHttpClient.Outcome outcome = client.post(receiver.url("/trickle"), Map.of(), "{}", 2);
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

            assertThat(outcome.status()).isNull();
            assertThat(outcome.error()).isEqualTo("no complete response within 2 s");
            assertThat(outcome.attemptClass()).isEqualTo(AttemptClass.TIMEOUT);
            assertThat(outcome.interrupted()).isFalse();
            assertThat(millis).isBetween(1_900L, 3_000L);
        }
    }

    @Test
    void aReceiverThatNeverAnswersEndsAtTheDeadline() throws IOException {
        try (HostileReceiver receiver = new HostileReceiver(HostileReceiver.silent());
                WebhookHttpClient client = client(List.of("127.0.0.0/8"))) {
            WebhookHttpClient.Outcome outcome = client.post(receiver.url("/silent"), Map.of(), "{}", 1);

            assertThat(outcome.status()).isNull();
            assertThat(outcome.error()).startsWith("no ").contains("within 1 s");
            assertThat(outcome.attemptClass()).isEqualTo(AttemptClass.TIMEOUT);
            assertThat(outcome.durationMillis()).isBetween(900L, 2_000L);
        }
    }

    @Test
    void nulAndInvalidUtf8InABodyBecomeReplacementCharacters() throws IOException {
        try (HostileReceiver receiver = new HostileReceiver(HostileReceiver.binaryBody());
                WebhookHttpClient client = client(List.of("127.0.0.0/8"))) {
            WebhookHttpClient.Outcome outcome = client.post(receiver.url("/nul"), Map.of(), "{}", 5);

            assertThat(outcome.status()).isEqualTo(200);
            assertThat(outcome.body()).isEqualTo("ok\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD(\uFFFDend");
            assertThat(outcome.body()).doesNotContain("\u0000");
        }
    }

    @Test
    void aResetInTheMiddleOfTheBodyIsAConnectionFailure() throws IOException {
        try (HostileReceiver receiver = new HostileReceiver(HostileReceiver.resetMidBody());
                WebhookHttpClient client = client(List.of("127.0.0.1/32"))) {
            WebhookHttpClient.Outcome outcome = client.post(receiver.url("/reset"), Map.of(), "{}", 5);

            assertThat(outcome.status()).isNull();
            assertThat(outcome.error()).startsWith("connection failed: ");
            assertThat(outcome.attemptClass()).isEqualTo(AttemptClass.CONNECTION);
        }
    }

    @Test
    void aMegabyteOfResponseHeadersIsRefusedNotBuffered() throws IOException {
        try (HostileReceiver receiver = new HostileReceiver(HostileReceiver.hugeHeader(1 << 20));
                WebhookHttpClient client = client(List.of("127.0.0.0/8"))) {
            WebhookHttpClient.Outcome outcome = client.post(receiver.url("/huge"), Map.of(), "{}", 5);

            assertThat(outcome.status()).isNull();
            assertThat(outcome.error()).isEqualTo("response headers over the limit (100 headers, 8192 bytes a line)");
            assertThat(outcome.attemptClass()).isEqualTo(AttemptClass.OTHER);
        }
    }

    @Test
    void aCutBodyNeverEndsInHalfACharacter() {
        byte[] euros = "€".repeat(2000).getBytes(StandardCharsets.UTF_8); // 3 bytes each
        String kept = LoggedText.fromBytes(euros, 4096, 4096);

        assertThat(kept).isEqualTo("€".repeat(1365));
        assertThat(LoggedText.of("a\u0000b\u0007c\td", 100)).isEqualTo("a\uFFFDb\uFFFDc\td");
        assertThat(LoggedText.of("\uD800x", 100)).isEqualTo("\uFFFDx");
    }
}
