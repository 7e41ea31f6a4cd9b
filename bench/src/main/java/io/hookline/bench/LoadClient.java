package io.hookline.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One keep-alive HTTP/1.1 connection that posts the same request again and again, as a load
 * generator such as {@code wrk} does: the request's bytes are built once, and a response is read
 * whole (status line, headers, a {@code Content-Length} or chunked body) before the next request
 * goes out. It exists so the ingest figures measure the node rather than the client: the JDK's
 * {@code HttpClient} spends about as much processor time per call as the node's request path, on
 * the same two processors.
 */
final class LoadClient implements AutoCloseable {

    private final URI uri;
    private final byte[] request;
    private @Nullable Socket socket;
    private InputStream in = InputStream.nullInputStream();
    private OutputStream out = OutputStream.nullOutputStream();

    LoadClient(URI uri, Map<String, String> headers, String body) {
        this.uri = uri;
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append("POST ")
                .append(uri.getRawPath())
                .append(" HTTP/1.1\r\nHost: ")
                .append(uri.getHost())
                .append(':')
                .append(uri.getPort())
                .append("\r\nContent-Length: ")
                .append(content.length)
                .append("\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        this.request = new byte[start.length + content.length];
        System.arraycopy(start, 0, request, 0, start.length);
        System.arraycopy(content, 0, request, start.length, content.length);
    }

    private Socket connect() throws IOException {
        Socket opened = new Socket();
        opened.setTcpNoDelay(true);
        opened.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        opened.setSoTimeout(60_000);
        in = new BufferedInputStream(opened.getInputStream(), 16 * 1024);
        out = opened.getOutputStream();
        socket = opened;
        return opened;
    }

    /** A response: its status and its body as text. */
    record Response(int status, String body) {}

    /**
     * Sends the request once and reads the response. Nothing is ever sent twice (the bench
     * publishes without idempotency keys): a failed call is the caller's to count, and the next
     * call opens a new connection. A connection the server ended (it says {@code Connection:
     * close}, every 100 requests by Tomcat's default) is opened again before the next request.
     */
    Response send() throws IOException {
        Socket current = socket;
        if (current == null || current.isClosed()) {
            current = connect();
        }
        try {
            return exchange(current);
        } catch (IOException | RuntimeException e) {
            current.close();
            throw e instanceof IOException io ? io : new IOException("malformed response", e);
        }
    }

    private Response exchange(Socket current) throws IOException {
        out.write(request);
        out.flush();
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = status == 204 || status == 304 || status < 200 ? 0 : -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, Math.max(colon, 0)).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                close = value.equalsIgnoreCase("close");
            }
        }
        byte[] body;
        if (chunked) {
            var buffer = new java.io.ByteArrayOutputStream();
            for (int size = chunkSize(); size > 0; size = chunkSize()) {
                buffer.write(readFully(size));
                line();
            }
            while (!line().isEmpty()) {
                // trailers, none expected
            }
            body = buffer.toByteArray();
        } else if (length >= 0) {
            body = readFully((int) length);
        } else {
            body = in.readAllBytes();
            close = true;
        }
        if (close) {
            current.close();
        }
        return new Response(status, new String(body, StandardCharsets.UTF_8));
    }

    private int chunkSize() throws IOException {
        return Integer.parseInt(line().split(";", 2)[0].trim(), 16);
    }

    private byte[] readFully(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new IOException("response cut short: " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed by the server");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        Socket current = socket;
        if (current != null) {
            current.close();
        }
    }
}
