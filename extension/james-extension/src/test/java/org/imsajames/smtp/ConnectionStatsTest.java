package org.imsajames.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import org.imsajames.policy.AddressMatcher;
import org.imsajames.policy.ConnectionPolicy;
import org.imsajames.policy.Decision;
import org.imsajames.policy.EntryParser;
import org.imsajames.policy.PolicyMode;
import org.junit.jupiter.api.Test;

class ConnectionStatsTest {
    @Test
    @SuppressWarnings("unchecked")
    void countsRefusalsPerBlockAndKeepsTheLastRefusedNewestFirst() throws Exception {
        ConnectionStats stats = new ConnectionStats();
        ConnectionPolicy policy = new ConnectionPolicy(PolicyMode.ACCEPT_ALL_EXCEPT, AddressMatcher.of(List.of(
            EntryParser.parse("10.0.0.0/8", "t"), EntryParser.parse("192.168.1.1", "t"))));
        stats.policyInstalled(policy);
        for (int i = 0; i < ConnectionStats.RECENT + 5; i++) {
            InetAddress client = InetAddress.getByName(i % 2 == 0 ? "10.0.0." + (i % 250) : "192.168.1.1");
            Decision decision = policy.decide(client);
            stats.refused(policy, client, decision.block());
        }
        stats.accepted();
        Map<String, Object> json = stats.toJson();
        assertThat(json).containsEntry("accepted", 1L).containsEntry("refused", (long) ConnectionStats.RECENT + 5);
        List<Map<String, Object>> byEntry = (List<Map<String, Object>>) json.get("byEntry");
        assertThat(byEntry).extracting(item -> item.get("entry")).containsExactly("10.0.0.0/8", "192.168.1.1/32");
        assertThat(byEntry.get(0).get("refused")).isEqualTo(28L);
        List<Map<String, Object>> recent = (List<Map<String, Object>>) json.get("recentRefused");
        assertThat(recent).hasSize(ConnectionStats.RECENT);
        assertThat(recent.get(0)).containsEntry("ip", "10.0.0.54").containsEntry("entry", "10.0.0.0/8");
    }

    @Test
    void aRefusalCountedUnderAnOlderPolicyIsNotAddedToTheNewOnesBlocks() throws Exception {
        ConnectionStats stats = new ConnectionStats();
        ConnectionPolicy old = new ConnectionPolicy(PolicyMode.ACCEPT_ALL_EXCEPT, AddressMatcher.of(List.of(
            EntryParser.parse("10.0.0.0/8", "t"))));
        ConnectionPolicy now = new ConnectionPolicy(PolicyMode.ACCEPT_ALL_EXCEPT, AddressMatcher.of(List.of(
            EntryParser.parse("172.16.0.0/12", "t"))));
        stats.policyInstalled(now);
        stats.refused(old, InetAddress.getByName("10.1.1.1"), 0);
        assertThat((List<?>) stats.toJson().get("byEntry")).isEmpty();
    }

    @Test
    void onlyOffTurnsTheCountingOff() {
        assertThat(ConnectionStats.counting("off")).isFalse();
        assertThat(ConnectionStats.counting(null)).isTrue();
        assertThat(ConnectionStats.counting("on")).isTrue();
        assertThat(ConnectionStats.counting("OFF ")).as("a near miss keeps the stats").isTrue();
    }
}
