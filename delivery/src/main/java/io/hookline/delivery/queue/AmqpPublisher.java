package io.hookline.delivery.queue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.hookline.delivery.http.WebhookHttpClient.Outcome;
import io.hookline.domain.delivery.AttemptClass;
import io.hookline.domain.network.BlockedAddressException;
import io.hookline.domain.network.OutboundAddressPolicy;
import io.hookline.domain.webhook.Destination;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Publishes a delivery as one AMQP 0-9-1 message (RabbitMQ) and reports the broker's publisher
 * confirm. The message is persistent and published {@code mandatory}: one the exchange routes to
 * no queue comes back and is a failed attempt, as a nack, a missing exchange or a broken
 * connection are. One connection per webhook is pooled; each attempt opens a channel of its own
 * in confirm mode (channels are not shared between threads). Connecting is bounded by 2 s and
 * the confirm by the webhook's timeout.
 */
public final class AmqpPublisher implements AutoCloseable {

    static final int MAX_CONNECTIONS = 200;

    private final OutboundAddressPolicy policy;
    private final PublisherPool<Pooled> connections = new PublisherPool<>(MAX_CONNECTIONS, Duration.ofMinutes(5));

    record Pooled(Connection connection) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            connection.abort(2000);
        }
    }

    public AmqpPublisher(OutboundAddressPolicy policy) {
        this.policy = policy;
    }

    public Outcome publish(
            String webhookId,
            Destination.Amqp destination,
            @Nullable String password,
            Map<String, String> headers,
            String body,
            int timeoutSeconds) {
        long started = System.nanoTime();
        Pooled pooled;
        try {
            pooled = connections.get(
                    webhookId,
                    destination + "|" + timeoutSeconds + "|" + (password == null ? 0 : password.hashCode()),
                    () -> new Pooled(connect(destination, password, timeoutSeconds)));
        } catch (Refused e) {
            return Outcome.failed(String.valueOf(e.getMessage()), AttemptClass.CONNECTION, millisSince(started));
        }
        if (!pooled.connection().isOpen()) {
            connections.discard(webhookId, pooled);
            return Outcome.failed(
                    "connection to the broker was closed; the next attempt reconnects",
                    AttemptClass.CONNECTION,
                    millisSince(started));
        }
        AtomicReference<String> returned = new AtomicReference<>();
        try (Channel channel = pooled.connection().createChannel()) {
            channel.confirmSelect();
            channel.addReturnListener(r -> returned.set(r.getReplyText()));
            Map<String, Object> amqpHeaders = new HashMap<>(headers);
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .contentType("application/json")
                    .contentEncoding("utf-8")
                    .deliveryMode(2)
                    .messageId(headers.getOrDefault("webhook-id", ""))
                    .type(headers.get("X-Event-Type"))
                    .timestamp(new java.util.Date())
                    .headers(amqpHeaders)
                    .build();
            channel.basicPublish(
                    destination.exchange(),
                    destination.routingKey(),
                    true,
                    properties,
                    body.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(TimeUnit.SECONDS.toMillis(timeoutSeconds));
            // a basic.return is sent before the confirm of the message it returns
            String unroutable = returned.get();
            if (unroutable != null) {
                return Outcome.failed(
                        "the exchange " + destination.exchange() + " routed the message to no queue (" + unroutable
                                + ", routing key '" + destination.routingKey() + "')",
                        AttemptClass.OTHER,
                        millisSince(started));
            }
            return Outcome.acknowledged(
                    "confirmed by the broker: exchange " + destination.exchange() + ", routing key '"
                            + destination.routingKey() + "'",
                    millisSince(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.cutShort(millisSince(started));
        } catch (TimeoutException e) {
            connections.discard(webhookId, pooled);
            return Outcome.failed(
                    "no confirm from the broker within " + timeoutSeconds + " s",
                    AttemptClass.TIMEOUT,
                    millisSince(started));
        } catch (IOException | RuntimeException e) {
            if (!pooled.connection().isOpen()) {
                connections.discard(webhookId, pooled);
            }
            return Outcome.failed(
                    "the broker did not confirm: " + describe(e),
                    pooled.connection().isOpen() ? AttemptClass.OTHER : AttemptClass.CONNECTION,
                    millisSince(started));
        }
    }

    /** Closes the webhook's connection: its destination changed or it was deleted. */
    public void evict(String webhookId) {
        connections.evict(webhookId);
    }

    public void closeIdle() {
        connections.closeIdle();
    }

    public int openConnections() {
        return connections.size();
    }

    /** Why no connection could be made, in words for the log. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private Connection connect(Destination.Amqp destination, @Nullable String password, int timeoutSeconds) {
        URI uri = URI.create(destination.uri());
        String host = String.valueOf(uri.getHost());
        boolean tls = "amqps".equals(uri.getScheme());
        InetAddress[] addresses;
        try {
            addresses = policy.resolveAllowed(host);
        } catch (BlockedAddressException e) {
            throw new Refused("refused: the broker " + host + " resolves to a non-public address");
        } catch (UnknownHostException e) {
            throw new Refused("could not resolve broker host " + host);
        }
        ConnectionFactory factory = new ConnectionFactory();
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 5671 : 5672;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            factory.setUsername(URLDecoder.decode(userInfo, StandardCharsets.UTF_8));
        }
        if (password != null) {
            factory.setPassword(password);
        }
        String path = uri.getRawPath();
        if (path != null && path.length() > 1) {
            factory.setVirtualHost(URLDecoder.decode(path.substring(1), StandardCharsets.UTF_8));
        }
        factory.setConnectionTimeout(2000);
        factory.setHandshakeTimeout(timeoutSeconds * 1000);
        factory.setShutdownTimeout(2000);
        factory.setRequestedHeartbeat(30);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        List<Address> dialled;
        try {
            if (tls) {
                factory.useSslProtocol(SSLContext.getDefault());
                factory.enableHostnameVerification();
                // the certificate names the host: dial it by name, just vetted above
                dialled = List.of(new Address(host, port));
            } else {
                // dial the vetted address itself, so a second lookup cannot point elsewhere
                dialled = java.util.Arrays.stream(addresses)
                        .map(a -> new Address(a.getHostAddress(), port))
                        .toList();
            }
            return factory.newConnection(dialled, "hookline");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException | TimeoutException e) {
            throw new Refused("could not connect to the broker " + host + ":" + port + ": " + describe(e));
        }
    }

    private static String describe(Exception e) {
        Throwable cause = e;
        if (e instanceof IOException && e.getCause() != null) {
            cause = e.getCause();
        }
        if (cause instanceof com.rabbitmq.client.ShutdownSignalException shutdown) {
            Object reason = shutdown.getReason();
            if (reason instanceof AMQP.Channel.Close close) {
                return close.getReplyText();
            }
            if (reason instanceof AMQP.Connection.Close close) {
                return close.getReplyText();
            }
        }
        String text = cause.getMessage();
        return cause.getClass().getSimpleName() + (text == null ? "" : ": " + text);
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    @Override
    public void close() {
        connections.close();
    }
}
