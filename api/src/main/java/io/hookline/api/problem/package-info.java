/**
 * Every error the API answers, as RFC 9457 problem+json: the one catalogue of problem types,
 * the handler that turns exceptions into problems, the writer that filters use before MVC is
 * reached, and the request id that ties a problem to the server's logs.
 */
@NullMarked
package io.hookline.api.problem;

import org.jspecify.annotations.NullMarked;
