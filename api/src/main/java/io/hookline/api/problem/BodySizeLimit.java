package io.hookline.api.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over 256 KiB with 413: at once when {@code Content-Length} says so,
 * and while reading when a chunked body grows past it (the read fails with
 * {@link PayloadTooLargeException}, which the exception handler answers as 413).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class BodySizeLimit extends OncePerRequestFilter {

    public static final long MAX_BYTES = 256 * 1024;

    private final Problems problems;

    BodySizeLimit(Problems problems) {
        this.problems = problems;
    }

    /** The body went past the limit while it was being read. */
    public static final class PayloadTooLargeException extends IOException {
        PayloadTooLargeException() {
            super("request body exceeds " + MAX_BYTES + " bytes");
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BYTES) {
            problems.write(request, response, ProblemType.PAYLOAD_TOO_LARGE, detail());
            return;
        }
        chain.doFilter(new Limited(request), response);
    }

    static String detail() {
        return "the request body may be at most " + MAX_BYTES + " bytes (256 KiB)";
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private @Nullable ServletInputStream stream;

        Limited(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream current = stream;
            if (current == null) {
                current = new Counting(super.getInputStream());
                stream = current;
            }
            return current;
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream delegate;
        private long read;

        Counting(ServletInputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws PayloadTooLargeException {
            read += n;
            if (read > MAX_BYTES) {
                throw new PayloadTooLargeException();
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
