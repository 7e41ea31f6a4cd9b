package io.hookline.delivery.http;

import io.hookline.domain.network.BlockedAddressException;
import io.hookline.domain.network.OutboundAddressPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/** Posts one webhook request and reports what came back, never throwing for the receiver's faults. */
public final class WebhookHttpClient implements AutoCloseable {

    /** How much of a response body is kept in the log. */
    public static final int KEPT_BODY_BYTES = 4096;
    /** How much more is read (and dropped) so the connection can be reused; beyond it the connection is closed. */
    private static final int DRAINED_BODY_BYTES = 64 * 1024;

    private final CloseableHttpClient client;
    private final PoolingHttpClientConnectionManager connections;

    /** What happened: a response (status ≥ 100) or an error (status null). */
    public record Outcome(
            @Nullable Integer status,
            Map<String, String> headers,
            @Nullable String body,
            long durationMillis,
            @Nullable String error) {}

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
        try {
            return client.execute(request, response -> {
                Map<String, String> responseHeaders = new LinkedHashMap<>();
                for (Header header : response.getHeaders()) {
                    responseHeaders.merge(header.getName(), header.getValue(), (a, b) -> a + ", " + b);
                }
                String kept = read(response.getEntity(), request);
                return new Outcome(response.getCode(), responseHeaders, kept, millisSince(started), null);
            });
        } catch (BlockedAddressException e) {
            return failure(started, "refused: the webhook's host resolves to a non-public address");
        } catch (UnknownHostException e) {
            return failure(
                    started, "could not resolve host " + request.getAuthority().getHostName());
        } catch (ConnectTimeoutException e) {
            return failure(started, "connect timeout after 2 s");
        } catch (HttpHostConnectException e) {
            return failure(started, "connection refused");
        } catch (SocketTimeoutException e) {
            return failure(started, "no response within " + timeoutSeconds + " s");
        } catch (IOException e) {
            return failure(
                    started,
                    "connection failed: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** Keeps the first 4 KiB; drains a little more so the connection is reusable, else drops it. */
    private static @Nullable String read(@Nullable HttpEntity entity, HttpPost request) throws IOException {
        if (entity == null) {
            return null;
        }
        try (InputStream in = entity.getContent()) {
            byte[] kept = in.readNBytes(KEPT_BODY_BYTES);
            long drained = in.skip(DRAINED_BODY_BYTES);
            if (drained >= DRAINED_BODY_BYTES && in.read() >= 0) {
                request.abort();
            }
            return new String(kept, StandardCharsets.UTF_8);
        }
    }

    private static Outcome failure(long started, String error) {
        return new Outcome(null, Map.of(), null, millisSince(started), error);
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
