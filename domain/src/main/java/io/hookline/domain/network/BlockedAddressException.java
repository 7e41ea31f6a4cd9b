package io.hookline.domain.network;

import java.net.UnknownHostException;

/** A host that is, or resolves to, an address Hookline must not connect to. */
public final class BlockedAddressException extends UnknownHostException {

    public BlockedAddressException(String message) {
        super(message);
    }
}
