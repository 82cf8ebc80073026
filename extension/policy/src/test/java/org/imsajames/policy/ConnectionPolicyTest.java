package org.imsajames.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.imsajames.policy.AddressMatcherTest.ip;
import static org.imsajames.policy.AddressMatcherTest.mapped;
import static org.imsajames.policy.AddressMatcherTest.matcher;

import org.junit.jupiter.api.Test;

class ConnectionPolicyTest {

    @Test
    void acceptAllExceptRefusesListedClients() throws Exception {
        ConnectionPolicy policy = new ConnectionPolicy(PolicyMode.ACCEPT_ALL_EXCEPT,
                matcher("192.168.2.0:255.255.255.0", "2001:db8::/32"));

        assertThat(policy.decide(ip("192.168.2.9"))).hasToString("refused (matched 192.168.2.0/24)");
        assertThat(policy.decide(mapped("192.168.2.9"))).hasToString("refused (matched 192.168.2.0/24)");
        assertThat(policy.decide(ip("2001:db8:ffff::1"))).hasToString("refused (matched 2001:db8::/32)");
        assertThat(policy.decide(ip("192.168.3.9"))).hasToString("accepted (no entry matched)");
        assertThat(policy.decide(ip("::1"))).hasToString("accepted (no entry matched)");
        assertThat(policy.mode()).isEqualTo(PolicyMode.ACCEPT_ALL_EXCEPT);
        assertThat(policy.size()).isEqualTo(2);
    }

    @Test
    void denyAllExceptAcceptsListedClientsOnly() throws Exception {
        ConnectionPolicy policy = new ConnectionPolicy(PolicyMode.DENY_ALL_EXCEPT,
                matcher("192.168.3.1:255.255.255.128", "::1"));

        Decision listed = policy.decide(ip("192.168.3.100"));
        assertThat(listed.accepted()).isTrue();
        assertThat(listed.matchedEntry()).isEqualTo("192.168.3.0/25");
        assertThat(policy.decide(ip("::1"))).hasToString("accepted (matched ::1/128)");
        assertThat(policy.decide(ip("192.168.3.200"))).hasToString("refused (no entry matched)");
        assertThat(policy.decide(ip("::2"))).hasToString("refused (no entry matched)");
        assertThat(policy.mode()).isEqualTo(PolicyMode.DENY_ALL_EXCEPT);
    }

    @Test
    void anEmptyPermitListRefusesEveryone() throws Exception {
        ConnectionPolicy policy = new ConnectionPolicy(PolicyMode.DENY_ALL_EXCEPT, matcher());

        assertThat(policy.decide(ip("127.0.0.1")).accepted()).isFalse();
        assertThat(policy.decide(ip("::1")).accepted()).isFalse();
    }

    @Test
    void anEmptyDenyListAcceptsEveryone() throws Exception {
        ConnectionPolicy policy = new ConnectionPolicy(PolicyMode.ACCEPT_ALL_EXCEPT, matcher());

        assertThat(policy.decide(ip("203.0.113.1")).accepted()).isTrue();
    }

    @Test
    void decisionsNameTheMatchedEntryOnlyWhenThereIsOne() throws Exception {
        ConnectionPolicy policy = new ConnectionPolicy(PolicyMode.ACCEPT_ALL_EXCEPT, matcher("10.0.0.0/8"));

        assertThat(policy.decide(ip("10.1.2.3")).matchedEntry()).isEqualTo("10.0.0.0/8");
        assertThat(policy.decide(ip("11.1.2.3")).matchedEntry()).isNull();
    }

    @Test
    void readsModesFromSettings() {
        assertThat(PolicyMode.fromSetting("accept-all-except")).isEqualTo(PolicyMode.ACCEPT_ALL_EXCEPT);
        assertThat(PolicyMode.fromSetting("deny-all-except")).isEqualTo(PolicyMode.DENY_ALL_EXCEPT);
        assertThat(PolicyMode.ACCEPT_ALL_EXCEPT.setting()).isEqualTo("accept-all-except");
        assertThat(PolicyMode.DENY_ALL_EXCEPT.setting()).isEqualTo("deny-all-except");
    }

    @Test
    void refusesAnUnknownMode() {
        assertThatThrownBy(() -> PolicyMode.fromSetting("deny-all"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown connection-control policy 'deny-all': "
                        + "expected accept-all-except or deny-all-except");
        assertThatThrownBy(() -> PolicyMode.fromSetting(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'null'");
    }
}
