/**
 * The outbound HTTP client: pooled keep-alive connections per host, a connect timeout of 2 s
 * and the webhook's own response timeout, no redirects, a capped response read, and the SSRF
 * check in the DNS resolver, on the very address that is dialled.
 */
@NullMarked
package io.hookline.delivery.http;

import org.jspecify.annotations.NullMarked;
