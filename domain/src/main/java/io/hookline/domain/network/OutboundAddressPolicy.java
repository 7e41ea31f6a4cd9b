package io.hookline.domain.network;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Decides which URLs and addresses Hookline may connect to for a tenant. Loopback, private,
 * link-local (and so cloud metadata), CGNAT, multicast, documentation, benchmarking and other
 * special-purpose ranges are refused, in IPv4 and IPv6, including IPv6 forms that embed an
 * IPv4 address (mapped, compatible, NAT64, 6to4) — unless an operator lists the range in
 * {@code hookline.webhooks.allowed-networks}.
 *
 * <p>Host literals are judged as the address a resolver would make of them: {@code 2130706433},
 * {@code 0x7f.1} and {@code 0177.0.0.1} are all 127.0.0.1, and never go to DNS.
 */
public final class OutboundAddressPolicy {

    /** Resolves a host name to its addresses; {@link #systemResolver()} asks the operating system. */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public static HostResolver systemResolver() {
        return InetAddress::getAllByName;
    }

    private static final int MAX_URL_LENGTH = 2048;

    private static final List<Cidr> BLOCKED_V4 = cidrs(
            "0.0.0.0/8",
            "10.0.0.0/8",
            "100.64.0.0/10",
            "127.0.0.0/8",
            "169.254.0.0/16",
            "172.16.0.0/12",
            "192.0.0.0/24",
            "192.0.2.0/24",
            "192.88.99.0/24",
            "192.168.0.0/16",
            "198.18.0.0/15",
            "198.51.100.0/24",
            "203.0.113.0/24",
            "224.0.0.0/4",
            "240.0.0.0/4");

    private static final List<Cidr> BLOCKED_V6 = cidrs(
            "::/128",
            "::1/128",
            "64:ff9b:1::/48",
            "100::/64",
            "2001::/32",
            "2001:db8::/32",
            "2001:10::/28",
            "2001:20::/28",
            "fc00::/7",
            "fe80::/10",
            "fec0::/10",
            "ff00::/8");

    private static final Cidr MAPPED = Cidr.parse("::ffff:0:0/96");
    private static final Cidr COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private final boolean allowHttp;
    private final List<Cidr> allowed;
    private final HostResolver resolver;

    public OutboundAddressPolicy(boolean allowHttp, List<String> allowedNetworks, HostResolver resolver) {
        this.allowHttp = allowHttp;
        this.allowed = allowedNetworks.stream()
                .filter(s -> !s.isBlank())
                .map(Cidr::parse)
                .toList();
        this.resolver = resolver;
    }

    /** Why {@code url} may not be a webhook URL; empty when it may. */
    public List<String> checkUrl(String url) {
        List<String> problems = new ArrayList<>();
        if (url.length() > MAX_URL_LENGTH) {
            problems.add("must be at most " + MAX_URL_LENGTH + " characters");
            return problems;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            problems.add("is not a valid URL");
            return problems;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque()) {
            problems.add("must be an absolute https URL");
            return problems;
        }
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            problems.add(allowHttp ? "must use https or http" : "must use https");
        }
        if (uri.getRawUserInfo() != null) {
            problems.add("must not contain a user name or password");
        }
        String host = hostOf(uri);
        if (host == null || host.isEmpty()) {
            problems.add("must name a host");
            return problems;
        }
        if (uri.getFragment() != null) {
            problems.add("must not contain a fragment (#…)");
        }
        String reason = hostProblem(host, true);
        if (reason != null) {
            problems.add(reason);
        }
        return problems;
    }

    /**
     * The URL's host. {@link URI#getHost()} gives up on names a resolver still accepts (such as
     * {@code 0x7f.0.0.1}), so those are read from the authority.
     */
    private static @Nullable String hostOf(URI uri) {
        if (uri.getHost() != null) {
            return uri.getHost();
        }
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return null;
        }
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            return end < 0 ? null : hostPort.substring(0, end + 1);
        }
        int colon = hostPort.indexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    /**
     * Why {@code host} (a broker of a queue destination) may not be dialled; null when it may. The
     * same rules as a URL's host: no private, loopback or link-local address unless allowed.
     */
    public @Nullable String checkHost(String host) {
        if (host.isBlank()) {
            return "must name a host";
        }
        return hostProblem(host, true);
    }

    /** The host's addresses, all of them allowed; throws {@link BlockedAddressException} otherwise. */
    public InetAddress[] resolveAllowed(String host) throws UnknownHostException {
        String name = normalise(host);
        InetAddress literal = literal(name);
        InetAddress[] addresses = literal != null ? new InetAddress[] {literal} : resolveName(name);
        for (InetAddress address : addresses) {
            if (!isAllowed(address)) {
                throw new BlockedAddressException(host + " resolves to a non-public address");
            }
        }
        return addresses;
    }

    public boolean isAllowed(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Cidr cidr : allowed) {
            if (cidr.contains(bytes)) {
                return true;
            }
        }
        return isPublic(bytes);
    }

    private @Nullable String hostProblem(String host, boolean unresolvedIsFine) {
        String name = normalise(host);
        InetAddress literal = literal(name);
        if (literal != null) {
            return isAllowed(literal) ? null : "points to a non-public address (" + host + ")";
        }
        if (!name.matches("[a-z0-9._-]+")) {
            return "has an invalid host name";
        }
        InetAddress[] addresses;
        try {
            addresses = resolveName(name);
        } catch (BlockedAddressException e) {
            return "points to a local host name (" + host + ")";
        } catch (UnknownHostException e) {
            return unresolvedIsFine ? null : "does not resolve";
        }
        for (InetAddress address : addresses) {
            if (!isAllowed(address)) {
                return "host " + host + " resolves to a non-public address";
            }
        }
        return null;
    }

    private InetAddress[] resolveName(String name) throws UnknownHostException {
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            throw new BlockedAddressException(name + " is a local host name");
        }
        return resolver.resolve(name);
    }

    private static String normalise(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        while (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }

    /** The address a host literal stands for (IPv6, or IPv4 in any inet_aton form), or null for a name. */
    static @Nullable InetAddress literal(String name) {
        try {
            if (name.contains(":")) {
                int zone = name.indexOf('%');
                String bare = zone < 0 ? name : name.substring(0, zone);
                if (!bare.matches("[0-9a-f:.]+")) {
                    return null;
                }
                return InetAddress.getByName(bare);
            }
            byte[] v4 = inetAton(name);
            return v4 == null ? null : InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** inet_aton: 1 to 4 parts, each decimal, octal (leading 0) or hex (0x); the last part fills the rest. */
    static byte @Nullable [] inetAton(String name) {
        if (name.isEmpty() || !name.matches("[0-9a-fx.]+") || !Character.isDigit(name.charAt(0))) {
            return null;
        }
        String[] parts = name.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long value = number(parts[i]);
            if (value == null) {
                return null;
            }
            values[i] = value;
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) {
                return null;
            }
            address |= values[i] << (24 - 8 * i);
        }
        long last = values[parts.length - 1];
        int restBits = 8 * (5 - parts.length);
        if (last >= (1L << restBits)) {
            return null;
        }
        address |= last;
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    private static @Nullable Long number(String part) {
        try {
            if (part.startsWith("0x")) {
                return part.length() == 2 ? 0L : Long.parseLong(part.substring(2), 16);
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return Long.parseLong(part.substring(1), 8);
            }
            return part.isEmpty() || part.length() > 10 ? null : Long.parseLong(part);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isPublic(byte[] bytes) {
        if (bytes.length == 4) {
            return BLOCKED_V4.stream().noneMatch(cidr -> cidr.contains(bytes)) && !isBroadcast(bytes);
        }
        if (MAPPED.contains(bytes) || COMPATIBLE.contains(bytes) || NAT64.contains(bytes)) {
            return isPublic(Arrays.copyOfRange(bytes, 12, 16));
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return isPublic(Arrays.copyOfRange(bytes, 2, 6));
        }
        return BLOCKED_V6.stream().noneMatch(cidr -> cidr.contains(bytes));
    }

    private static boolean isBroadcast(byte[] bytes) {
        return bytes[0] == (byte) 255 && bytes[1] == (byte) 255 && bytes[2] == (byte) 255 && bytes[3] == (byte) 255;
    }

    private static List<Cidr> cidrs(String... ranges) {
        return Arrays.stream(ranges).map(Cidr::parse).toList();
    }
}
