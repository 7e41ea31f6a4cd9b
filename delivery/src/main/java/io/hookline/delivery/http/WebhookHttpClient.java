package io.hookline.delivery.http;

import io.hookline.domain.delivery.AttemptClass;
import io.hookline.domain.network.BlockedAddressException;
import io.hookline.domain.network.OutboundAddressPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * Posts one webhook request and reports what came back, never throwing for the receiver's
 * faults. One deadline bounds the whole attempt — waiting for a pooled connection, connecting,
 * sending, and reading the status, headers and the kept part of the body: a receiver that
 * trickles a byte a second is cut off when it passes, not at the next idle gap.
 */
public final class WebhookHttpClient implements AutoCloseable {

    /** How much of a response body is kept in the log. */
    public static final int KEPT_BODY_BYTES = 4096;
    /** How much more is read (and dropped) so the connection can be reused; beyond it the connection is closed. */
    private static final int DRAINED_BODY_BYTES = 64 * 1024;
    /** Longest response header line accepted; a receiver sending more is a failed attempt, not a memory hog. */
    static final int MAX_HEADER_LINE = 8 * 1024;
    /** Most response headers accepted. */
    static final int MAX_HEADER_COUNT = 100;
    /** Kept of one response header value in the log. */
    private static final int KEPT_HEADER_BYTES = 1024;
    /** Kept of an error message in the log (the column holds 1000 characters). */
    private static final int KEPT_ERROR_BYTES = 900;

    /** One platform thread that aborts requests whose deadline passed; the work it does is tiny. */
    private static final ScheduledExecutorService DEADLINES = deadlines();

    private final CloseableHttpClient client;
    private final PoolingHttpClientConnectionManager connections;

    /**
     * What happened: a response (status ≥ 100) or an error (status null), and how the delivery
     * statistics class it ({@code attemptClass}: by the status, or by why no response came).
     * {@code interrupted} says the calling thread was interrupted (the node shutting down), which
     * is not the receiver's fault. Header values and the body are sanitised text, safe to store.
     */
    public record Outcome(
            @Nullable Integer status,
            Map<String, String> headers,
            @Nullable String body,
            long durationMillis,
            @Nullable String error,
            AttemptClass attemptClass,
            boolean interrupted) {

        public Outcome(
                @Nullable Integer status,
                Map<String, String> headers,
                @Nullable String body,
                long durationMillis,
                @Nullable String error,
                AttemptClass attemptClass) {
            this(status, headers, body, durationMillis, error, attemptClass, false);
        }

        /**
         * A queue destination's broker acknowledged the message (no HTTP status): {@code detail}
         * (where it was stored) is kept in the log as the response body.
         */
        public static Outcome acknowledged(String detail, long durationMillis) {
            return new Outcome(null, Map.of(), detail, durationMillis, null, AttemptClass.SUCCEEDED);
        }

        /** A queue destination's broker did not acknowledge the message: why, for the log. */
        public static Outcome failed(String error, AttemptClass attemptClass, long durationMillis) {
            return new Outcome(
                    null, Map.of(), null, durationMillis, LoggedText.of(error, KEPT_ERROR_BYTES), attemptClass);
        }

        /**
         * The node is stopping and cut the attempt short: not the receiver's (or broker's) failure;
         * the delivery is handed back as it was.
         */
        public static Outcome cutShort(long durationMillis) {
            return new Outcome(
                    null,
                    Map.of(),
                    null,
                    durationMillis,
                    "interrupted: the node is shutting down",
                    AttemptClass.OTHER,
                    true);
        }

        /** Whether a broker acknowledged the message. */
        public boolean acknowledged() {
            return status == null && error == null && attemptClass == AttemptClass.SUCCEEDED;
        }

        /** A response with this status. */
        static Outcome response(int status, Map<String, String> headers, @Nullable String body, long durationMillis) {
            return new Outcome(status, headers, body, durationMillis, null, AttemptClass.ofStatus(status));
        }
    }

    /** Why no response came, in words for the log and as a class for the statistics. */
    private record Failure(String error, AttemptClass attemptClass) {}

    public WebhookHttpClient(OutboundAddressPolicy policy, String userAgent, int maxConnectionsPerHost) {
        DnsResolver resolver = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return policy.resolveAllowed(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                        .http1Config(Http1Config.custom()
                                .setMaxLineLength(MAX_HEADER_LINE)
                                .setMaxHeaderCount(MAX_HEADER_COUNT)
                                .build())
                        .build())
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setMaxConnPerRoute(maxConnectionsPerHost)
                .setMaxConnTotal(maxConnectionsPerHost * 50)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(2))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(10))
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .evictExpiredConnections()
                .evictIdleConnections(TimeValue.ofSeconds(20))
                .setUserAgent(userAgent)
                .build();
    }

    public Outcome post(String url, Map<String, String> headers, String body, int timeoutSeconds) {
        long started = System.nanoTime();
        HttpPost request = new HttpPost(URI.create(url));
        headers.forEach(request::setHeader);
        request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        request.setConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.ofSeconds(timeoutSeconds))
                .setConnectionRequestTimeout(Timeout.ofSeconds(timeoutSeconds))
                .build());
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = DEADLINES.schedule(
                () -> {
                    expired.set(true);
                    request.abort();
                },
                timeoutSeconds,
                TimeUnit.SECONDS);
        try {
            return client.execute(request, response -> {
                Map<String, String> responseHeaders = new LinkedHashMap<>();
                for (Header header : response.getHeaders()) {
                    responseHeaders.merge(
                            LoggedText.of(header.getName(), KEPT_HEADER_BYTES),
                            LoggedText.of(header.getValue(), KEPT_HEADER_BYTES),
                            (a, b) -> LoggedText.of(a + ", " + b, KEPT_HEADER_BYTES));
                }
                String kept = read(response.getEntity(), request);
                return Outcome.response(response.getCode(), responseHeaders, kept, millisSince(started));
            });
        } catch (IOException | RuntimeException e) {
            if (expired.get()) {
                return failure(
                        started,
                        new Failure("no complete response within " + timeoutSeconds + " s", AttemptClass.TIMEOUT));
            }
            if (Thread.currentThread().isInterrupted() || e.getClass() == InterruptedIOException.class) {
                return Outcome.cutShort(millisSince(started));
            }
            return failure(started, describe(e, request, timeoutSeconds));
        } finally {
            deadline.cancel(false);
        }
    }

    private static Failure describe(Exception e, HttpPost request, int timeoutSeconds) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof MessageConstraintException)) {
            cause = cause.getCause();
        }
        return switch (e) {
            case BlockedAddressException blocked ->
                new Failure("refused: the webhook's host resolves to a non-public address", AttemptClass.CONNECTION);
            case UnknownHostException unknown ->
                new Failure("could not resolve host " + request.getAuthority().getHostName(), AttemptClass.CONNECTION);
            // within the webhook's deadline, the host did not accept a connection: it could not be reached
            case ConnectTimeoutException connect -> new Failure("connect timeout after 2 s", AttemptClass.CONNECTION);
            case HttpHostConnectException refused -> new Failure("connection refused", AttemptClass.CONNECTION);
            case SocketTimeoutException timeout ->
                new Failure("no complete response within " + timeoutSeconds + " s", AttemptClass.TIMEOUT);
            default ->
                cause instanceof MessageConstraintException
                        ? new Failure(
                                "response headers over the limit (" + MAX_HEADER_COUNT + " headers, " + MAX_HEADER_LINE
                                        + " bytes a line)",
                                AttemptClass.OTHER)
                        : new Failure(
                                LoggedText.of(
                                        "connection failed: " + e.getClass().getSimpleName()
                                                + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                                        KEPT_ERROR_BYTES),
                                brokenOff(e) ? AttemptClass.CONNECTION : AttemptClass.OTHER);
        };
    }

    /**
     * Whether the connection broke (reset, closed before or during the response, TLS failed)
     * rather than the response being unreadable (a malformed status line or header).
     */
    private static boolean brokenOff(Exception e) {
        return e instanceof java.net.SocketException
                || e instanceof javax.net.ssl.SSLException
                || e instanceof org.apache.hc.core5.http.NoHttpResponseException
                || e instanceof org.apache.hc.core5.http.ConnectionClosedException;
    }

    /**
     * Keeps the first 4 KiB as sanitised text; drains a little more so the connection is
     * reusable, else drops it. The status and kept part must arrive before the deadline; the
     * drain is best effort and ends with the connection when it does not.
     */
    private static @Nullable String read(@Nullable HttpEntity entity, HttpPost request) throws IOException {
        if (entity == null) {
            return null;
        }
        InputStream in = entity.getContent();
        byte[] kept = in.readNBytes(KEPT_BODY_BYTES);
        try {
            long drained = in.skip(DRAINED_BODY_BYTES);
            if (drained >= DRAINED_BODY_BYTES && in.read() >= 0) {
                request.abort();
            } else {
                in.close();
            }
        } catch (IOException e) {
            request.abort();
        }
        return LoggedText.fromBytes(kept, kept.length, KEPT_BODY_BYTES);
    }

    private static ScheduledExecutorService deadlines() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "webhook-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    private static Outcome failure(long started, Failure failure) {
        return new Outcome(null, Map.of(), null, millisSince(started), failure.error(), failure.attemptClass());
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** For tests and metrics: connections currently pooled. */
    public int pooledConnections() {
        return connections.getTotalStats().getAvailable()
                + connections.getTotalStats().getLeased();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
