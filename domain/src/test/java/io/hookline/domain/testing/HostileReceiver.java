package io.hookline.domain.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A receiver that misbehaves at the byte level, which a well-behaved HTTP server library
 * cannot: it speaks HTTP/1.1 over a raw socket on loopback, reads each request whole, and then
 * answers the way it was told to — with NUL and invalid UTF-8 in the body, one byte a second,
 * never, a reset in the middle of the body, a megabyte of headers, or any raw bytes given.
 * It records when each request arrived and when its connection ended.
 */
public final class HostileReceiver implements AutoCloseable {

    /** How to answer a request; gets the socket's output after the request was read. */
    @FunctionalInterface
    public interface Behaviour {
        void answer(Socket socket, OutputStream out) throws IOException, InterruptedException;
    }

    /** One request as it arrived, and when the receiver saw its connection end. */
    public record Arrival(String requestLine, String headers, Instant at) {
        public String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return "";
        }
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile Behaviour behaviour;

    public HostileReceiver(Behaviour behaviour) {
        this.behaviour = behaviour;
        try {
            this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::accept);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    public void behave(Behaviour next) {
        this.behaviour = next;
    }

    public List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    /** 200 with a body holding NUL, other control bytes and bytes that are not UTF-8. */
    public static Behaviour binaryBody() {
        byte[] body = new byte[] {'o', 'k', 0, 1, 2, (byte) 0xFF, (byte) 0xFE, (byte) 0xC3, '(', 0, 'e', 'n', 'd'};
        return raw(200, "application/octet-stream", body);
    }

    /** A full response of the given status, content type and body bytes. */
    public static Behaviour raw(int status, String contentType, byte[] body) {
        return (socket, out) -> {
            out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                            + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        };
    }

    /** A status with extra header lines, empty body. */
    public static Behaviour status(int status, String... headerLines) {
        return (socket, out) -> {
            StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " X\r\n");
            for (String line : headerLines) {
                head.append(line).append("\r\n");
            }
            head.append("Content-Length: 0\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        };
    }

    /** 200 and a Content-Length of 1000, then one byte every {@code gap}: never idle long enough for a read timeout. */
    public static Behaviour trickle(Duration gap) {
        return (socket, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            for (int i = 0; i < 1000; i++) {
                Thread.sleep(gap);
                out.write('x');
                out.flush();
            }
        };
    }

    /** Reads the request, then says nothing until the client gives up. */
    public static Behaviour silent() {
        return (socket, out) -> {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // the client will close the connection when its deadline passes
            }
        };
    }

    /** Promises 1000 bytes, sends 10, then resets the connection (RST, not FIN). */
    public static Behaviour resetMidBody() {
        return (socket, out) -> {
            out.write(
                    "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.setSoLinger(true, 0);
            socket.close();
        };
    }

    /** 200 with one header line of {@code bytes} bytes. */
    public static Behaviour hugeHeader(int bytes) {
        return (socket, out) -> {
            out.write(("HTTP/1.1 200 OK\r\nX-Huge: " + "h".repeat(bytes) + "\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        };
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                int lineEnd = head.indexOf("\r\n");
                String requestLine = lineEnd < 0 ? head : head.substring(0, lineEnd);
                String headers = lineEnd < 0 ? "" : head.substring(lineEnd + 2);
                int length = contentLength(headers);
                in.readNBytes(length);
                arrivals.add(new Arrival(requestLine, headers, Instant.now()));
                behaviour.answer(socket, out);
                if (socket.isClosed()) {
                    return;
                }
            }
        } catch (SocketException e) {
            // the client hung up or we reset it: both are part of the plan
        } catch (IOException e) {
            // a broken connection ends this exchange
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(socket);
        }
    }

    private static @Nullable String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static int contentLength(String headers) {
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(
                        line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        threads.shutdownNow();
    }
}
