package org.imsajames.bench.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.imsajames.policy.AddressMatcher;
import org.imsajames.policy.EntryParser;
import org.imsajames.policy.InvalidEntryException;
import org.imsajames.policy.ListEntry;
import org.imsajames.policy.ListFile;
import org.junit.jupiter.api.Test;

class SyntheticListTest {
    @Test
    void sameSeedSameList() {
        assertThat(texts(SyntheticList.generate(500, 7))).isEqualTo(texts(SyntheticList.generate(500, 7)))
            .isNotEqualTo(texts(SyntheticList.generate(500, 8)));
    }

    @Test
    void imsaTextAndCidrMeanTheSameNetwork() throws InvalidEntryException {
        // The IMSA file (our handler) and the cidr: table (Postfix) must hold the same list.
        for (SyntheticEntry entry : SyntheticList.generate(2_000, 11)) {
            ListEntry parsed = EntryParser.parse(entry.text(), "test");
            assertThat(parsed.canonical()).as(entry.text()).isEqualTo(canonical(entry.cidr()));
        }
    }

    @Test
    void mixesTheFormsOperatorsWrite() {
        List<String> texts = texts(SyntheticList.generate(2_000, 3));
        assertThat(texts).anyMatch(text -> text.matches("[0-9.]+"))
            .anyMatch(text -> text.matches("[0-9.]+:255\\.255\\.[0-9.]+"))
            .anyMatch(text -> text.matches("[0-9.]+/[0-9]+"))
            .anyMatch(text -> text.contains(":") && !text.contains("/") && !text.contains("."))
            .anyMatch(text -> text.contains("::") || text.matches(".*:.*/[0-9]+"));
    }

    @Test
    void listsLoopbackClientsOnlyWhenAsked() throws Exception {
        List<SyntheticEntry> refused = SyntheticList.singleAddresses(new byte[] {127, 1, 0, 0}, 16);
        List<SyntheticEntry> list = SyntheticList.withListed(5_000, 5, refused);
        AddressMatcher matcher = AddressMatcher.of(ListFile.parse("test", texts(list)));

        assertThat(list).hasSize(5_000).containsAll(refused);
        assertThat(matcher.find(InetAddress.getByName("127.1.0.15"))).isEqualTo("127.1.0.15/32");
        assertThat(matcher.find(InetAddress.getByName("127.1.0.16"))).isNull();
        assertThat(matcher.find(InetAddress.getByName("127.2.0.1"))).isNull();
    }

    @Test
    void clientsHitAndMiss() throws Exception {
        List<SyntheticEntry> list = SyntheticList.generate(1_000, 9);
        AddressMatcher matcher = AddressMatcher.of(ListFile.parse("test", texts(list)));
        InetAddress[] clients = ClientAddresses.sample(list, true, 1_000, 10);

        long hits = java.util.Arrays.stream(clients).filter(client -> matcher.find(client) != null).count();
        assertThat(clients).allMatch(client -> client.getAddress().length == 4);
        assertThat(hits).isBetween(400L, 900L);
    }

    private static String canonical(String cidr) throws InvalidEntryException {
        return EntryParser.parse(cidr, "test").canonical();
    }

    private static List<String> texts(List<SyntheticEntry> entries) {
        return entries.stream().map(SyntheticEntry::text).toList();
    }
}
