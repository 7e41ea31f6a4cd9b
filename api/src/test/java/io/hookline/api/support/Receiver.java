package io.hookline.api.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.awaitility.Awaitility;

/**
 * A real HTTP receiver on 127.0.0.1 for delivery tests. It records every request and answers
 * with a scripted reply: the next queued one, or else the default.
 */
public final class Receiver implements AutoCloseable {

    /** A request as it arrived: header names lower-cased, body as text. */
    public record Request(Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    /** What to answer. {@code delay} holds the response back (for timeouts). */
    public record Reply(int status, Map<String, String> headers, String body, Duration delay) {
        public static Reply status(int status) {
            return new Reply(status, Map.of(), "", Duration.ZERO);
        }

        public static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body, Duration.ZERO);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> merged = new TreeMap<>(headers);
            merged.put(name, value);
            return new Reply(status, merged, body, delay);
        }

        public Reply after(Duration wait) {
            return new Reply(status, headers, body, wait);
        }
    }

    private final HttpServer server;
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Function<Request, Reply>> fallback =
            new AtomicReference<>(request -> Reply.status(200));

    public Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Replies, in order, to the next requests; after them the default applies. */
    public Receiver then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    public Receiver byDefault(Function<Request, Reply> reply) {
        fallback.set(reply);
        return this;
    }

    public List<Request> received() {
        return new ArrayList<>(received);
    }

    /** Waits, with a deadline, until at least {@code count} requests have arrived. */
    public List<Request> awaitRequests(int count, Duration within) {
        Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(20)).until(() -> received.size() >= count);
        return received();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Request request = new Request(headers, body);
        received.add(request);
        Reply reply = script.poll();
        if (reply == null) {
            reply = fallback.get().apply(request);
        }
        if (!reply.delay().isZero()) {
            try {
                Thread.sleep(reply.delay().toMillis()); // the receiver being slow is the behaviour under test
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            // the client gave up (timeout); nothing to answer
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
