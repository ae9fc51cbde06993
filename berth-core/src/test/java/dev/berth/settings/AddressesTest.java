package dev.berth.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.result.Result;
import dev.berth.result.Violation;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "127.0.0.1", "255.255.255.255", "10.0.12.1"})
  void acceptsIpv4(String ip) {
    assertThat(Addresses.isIpv4(ip)).isTrue();
    assertThat(Addresses.isIp(ip)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.", "a.b.c.d", "1..2.3"})
  void refusesMalformedIpv4(String ip) {
    assertThat(Addresses.isIpv4(ip)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "::",
        "::1",
        "fd00::1",
        "2001:db8:0:0:0:0:2:1",
        "2001:DB8::2:1",
        "::ffff:192.168.1.1",
        "1:2:3:4:5:6:7::",
        "1:2:3:4:5:6:1.2.3.4"
      })
  void acceptsIpv6(String ip) {
    assertThat(Addresses.isIpv6(ip)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ":",
        ":::",
        "1::2::3",
        "12345::1",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7",
        ":1:2:3:4:5:6:7",
        "fe80::1%eth0",
        "[::1]",
        "g::1",
        "::1.2.3.4.5",
        "1:2:3:4::5:6:7:8",
        "1:2:3:4:5:6:7:1.2.3.4"
      })
  void refusesMalformedIpv6(String ip) {
    assertThat(Addresses.isIpv6(ip)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"127.0.0.1:50061", "[::]:1", "[fd00::1]:65535", "localhost:9090", "Gw.Example:80"})
  void acceptsHostPort(String s) {
    assertThat(Addresses.isHostPort(s)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        ":50061",
        "127.0.0.1:0",
        "127.0.0.1:65536",
        "127.0.0.1:",
        "::1:50061",
        "[::1]50061",
        "[::1",
        "999.1.1.1:80",
        "bad_host:80",
        "host:+80"
      })
  void refusesMalformedHostPort(String s) {
    assertThat(Addresses.isHostPort(s)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"http://proxy.corp:3128", "HTTP://10.0.0.1:8080/", "http://[fd00::1]:3128"})
  void acceptsProxyUrls(String url) {
    assertThat(Addresses.proxyUrlProblem(url)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "proxy:3128",
        "https://proxy:3128",
        "socks5://proxy:1080",
        "http://proxy",
        "http://proxy:0",
        "http://proxy:3128/path",
        "http://proxy:3128?q",
        "http://proxy:3128#f",
        "http://"
      })
  void refusesProxyUrlsOutsideTheGrammar(String url) {
    Optional<Result<String>> problem = Addresses.proxyUrlProblem(url);
    assertThat(problem).isPresent();
    assertThat(problem.get().violations())
        .extracting(Violation::field)
        .containsExactly(Parsed.VALUE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://user:pw@proxy:3128", "http://user@proxy:3128", "u:p@proxy:1"})
  void hidesProxyUrlsWithCredentials(String url) {
    Optional<Result<String>> problem = Addresses.proxyUrlProblem(url);
    assertThat(problem).isPresent();
    assertThat(problem.get().violations())
        .extracting(Violation::field)
        .containsExactly(Parsed.SECRET_VALUE);
  }
}
