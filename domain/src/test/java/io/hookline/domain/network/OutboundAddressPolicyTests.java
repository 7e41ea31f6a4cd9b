package io.hookline.domain.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundAddressPolicyTests {

    /** A test DNS: names map to fixed addresses; anything else does not resolve. */
    private static OutboundAddressPolicy.HostResolver dns(Map<String, List<String>> records) {
        return host -> {
            List<String> addresses = records.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] resolved = new InetAddress[addresses.size()];
            for (int i = 0; i < resolved.length; i++) {
                resolved[i] = InetAddress.getByName(addresses.get(i));
            }
            return resolved;
        };
    }

    private final OutboundAddressPolicy policy = new OutboundAddressPolicy(
            false,
            List.of(),
            dns(Map.of(
                    "hooks.example.com", List.of("93.184.216.34"),
                    "sneaky.example.com", List.of("93.184.216.34", "10.1.2.3"),
                    "v6.example.com", List.of("2606:2800:220:1:248:1893:25c8:1946"))));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.0",
                "10.0.0.1",
                "100.64.0.1",
                "100.127.255.254",
                "127.0.0.1",
                "127.255.255.255",
                "169.254.169.254",
                "172.16.0.1",
                "172.31.255.255",
                "192.0.0.8",
                "192.0.2.1",
                "192.88.99.1",
                "192.168.1.1",
                "198.18.0.1",
                "198.51.100.7",
                "203.0.113.9",
                "224.0.0.1",
                "239.255.255.250",
                "240.0.0.1",
                "255.255.255.255",
                "[::]",
                "[::1]",
                "[::ffff:127.0.0.1]",
                "[::ffff:7f00:1]",
                "[::ffff:10.0.0.1]",
                "[::127.0.0.1]",
                "[64:ff9b::10.0.0.1]",
                "[64:ff9b::a9fe:a9fe]",
                "[64:ff9b:1::1]",
                "[2002:7f00:1::]",
                "[2002:c0a8:101::1]",
                "[2001:0:4136:e378:8000:63bf:3fff:fdd2]",
                "[2001:db8::1]",
                "[100::1]",
                "[fc00::1]",
                "[fd00:ec2::254]",
                "[fe80::1]",
                "[fe80::1%25eth0]",
                "[fec0::1]",
                "[ff02::1]"
            })
    void everyNonPublicAddressIsRefused(String host) {
        assertThat(policy.checkUrl("https://" + host + "/hook"))
                .singleElement()
                .asString()
                .contains("non-public");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2130706433",
                "0x7f000001",
                "0x7f.0.0.1",
                "0x7F.0x0.0x0.0x1",
                "0177.0.0.1",
                "017700000001",
                "127.1",
                "127.0.1",
                "10.1",
                "3232235777",
                "0xa9fea9fe",
                "0251.0376.0251.0376"
            })
    void numericEncodingsOfPrivateAddressesAreJudgedAsTheAddressTheyMean(String host) {
        assertThat(policy.checkUrl("https://" + host + "/hook"))
                .singleElement()
                .asString()
                .contains("non-public");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "localhost.", "api.localhost", "Api.LocalHost."})
    void localHostNamesAreRefusedWithoutAskingDns(String host) {
        assertThat(policy.checkUrl("https://" + host + "/hook"))
                .singleElement()
                .asString()
                .contains("local host name");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://93.184.216.34/hook",
                "https://[2606:2800:220:1:248:1893:25c8:1946]/x",
                "https://hooks.example.com/x",
                "https://v6.example.com:8443/x?y=1",
                "https://unresolvable.example.org/x",
                "https://1.1.1.1/x",
                "https://[::ffff:8.8.8.8]/x"
            })
    void publicAddressesAndNamesAreAccepted(String url) {
        assertThat(policy.checkUrl(url)).isEmpty();
    }

    @Test
    void aNameThatResolvesToAnyPrivateAddressIsRefused() {
        assertThat(policy.checkUrl("https://sneaky.example.com/hook"))
                .singleElement()
                .asString()
                .contains("resolves to a non-public address");
    }

    @Test
    void theSystemResolverCatchesNamesThatResolveLocally() throws Exception {
        OutboundAddressPolicy system = new OutboundAddressPolicy(false, List.of(), host -> {
            if (host.equals("loopback-alias.test")) {
                return new InetAddress[] {InetAddress.getLoopbackAddress()};
            }
            return OutboundAddressPolicy.systemResolver().resolve(host);
        });
        assertThat(system.checkUrl("https://loopback-alias.test/x")).isNotEmpty();
        assertThat(system.checkUrl("https://localhost/x")).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://hooks.example.com/x",
                "ftp://hooks.example.com/x",
                "https://user:pw@hooks.example.com/x",
                "https://user@hooks.example.com/x",
                "/relative/path",
                "hooks.example.com/x",
                "not a url",
                "https:///x",
                "https://hooks.example.com/x#frag",
                "mailto:a@example.com"
            })
    void malformedOrUnsafeUrlsAreRefused(String url) {
        assertThat(policy.checkUrl(url)).isNotEmpty();
    }

    @Test
    void urlsOver2048CharactersAreRefused() {
        assertThat(policy.checkUrl("https://hooks.example.com/" + "a".repeat(2048)))
                .containsExactly("must be at most 2048 characters");
        assertThat(policy.checkUrl("https://hooks.example.com/" + "a".repeat(2000)))
                .isEmpty();
    }

    @Test
    void plainHttpIsAcceptedOnlyWhenAllowed() {
        OutboundAddressPolicy http = new OutboundAddressPolicy(true, List.of(), dns(Map.of()));
        assertThat(http.checkUrl("http://93.184.216.34/x")).isEmpty();
        assertThat(policy.checkUrl("http://93.184.216.34/x")).containsExactly("must use https");
    }

    @Test
    void allowedNetworksExemptTheirAddresses() throws Exception {
        OutboundAddressPolicy local =
                new OutboundAddressPolicy(false, List.of("127.0.0.0/8", "::1/128", "10.20.0.0/16"), dns(Map.of()));
        assertThat(local.checkUrl("https://127.0.0.1:8443/x")).isEmpty();
        assertThat(local.checkUrl("https://[::1]:8443/x")).isEmpty();
        assertThat(local.checkUrl("https://10.20.3.4/x")).isEmpty();
        assertThat(local.checkUrl("https://10.21.3.4/x")).isNotEmpty();
        assertThat(local.resolveAllowed("127.0.0.1")).containsExactly(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void anInvalidAllowedNetworkFailsAtStartUp() {
        assertThatThrownBy(() -> new OutboundAddressPolicy(false, List.of("10.0.0.0/33"), dns(Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> new OutboundAddressPolicy(false, List.of("intranet"), dns(Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("intranet");
    }

    @Test
    void deliveryTimeResolutionRefusesBlockedAndUnresolvableHosts() throws Exception {
        assertThat(policy.resolveAllowed("hooks.example.com")).containsExactly(InetAddress.getByName("93.184.216.34"));
        assertThatThrownBy(() -> policy.resolveAllowed("sneaky.example.com"))
                .isInstanceOf(BlockedAddressException.class);
        assertThatThrownBy(() -> policy.resolveAllowed("0x7f.1")).isInstanceOf(BlockedAddressException.class);
        assertThatThrownBy(() -> policy.resolveAllowed("localhost")).isInstanceOf(BlockedAddressException.class);
        assertThatThrownBy(() -> policy.resolveAllowed("unresolvable.example.org"))
                .isInstanceOf(UnknownHostException.class)
                .isNotInstanceOf(BlockedAddressException.class);
    }
}
