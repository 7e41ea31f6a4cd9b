package io.hookline.domain.delivery;

/**
 * How one attempt ended, as the delivery statistics count it: succeeded (any 2xx, a 202 of an
 * asynchronous receiver included), or failed by class. Each class is a column of
 * {@code delivery_stats}.
 */
public enum AttemptClass {
    /** A 2xx answer within the webhook's timeout. */
    SUCCEEDED,
    /** The webhook's deadline passed before a complete answer came. */
    TIMEOUT,
    /**
     * No exchange took place or it broke off: the host did not resolve, resolved to a refused
     * address (the SSRF guard), refused or did not accept the connection within the connect
     * timeout, or reset it.
     */
    CONNECTION,
    /** A 4xx answer (410 Gone included). */
    HTTP_4XX,
    /** A 5xx answer. */
    HTTP_5XX,
    /**
     * Anything else: a 1xx or 3xx answer (redirects are not followed), an answer that could not
     * be read (headers over the limit, a malformed status line), or an attempt whose result was
     * never recorded.
     */
    OTHER;

    /** The class of an attempt that got an answer with this status code. */
    public static AttemptClass ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return SUCCEEDED;
        }
        if (status >= 400 && status < 500) {
            return HTTP_4XX;
        }
        if (status >= 500 && status < 600) {
            return HTTP_5XX;
        }
        return OTHER;
    }
}
