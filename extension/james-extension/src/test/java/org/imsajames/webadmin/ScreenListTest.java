package org.imsajames.webadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.imsajames.policy.PolicyMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScreenListTest {
    @TempDir
    Path folder;

    @Test
    void everyBadEntryIsReportedWithItsIndexAndTheCheckersMessage() {
        assertThatThrownBy(() -> ScreenList.checkEntries(List.of("10.0.0.1", "10.0.0.0:255.0.255.0", "host.example")))
            .isInstanceOfSatisfying(ApiError.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.errors()).hasSize(2);
                assertThat(e.errors().get(0)).containsEntry("index", 1).containsEntry("entry", "10.0.0.0:255.0.255.0")
                    .containsEntry("message", "'10.0.0.0:255.0.255.0' is not a contiguous netmask");
                assertThat(e.errors().get(1)).containsEntry("index", 2);
            });
    }

    @Test
    void entriesAreKeptAsWrittenTrimmedOnce() throws Exception {
        assertThat(ScreenList.checkEntries(List.of(" 192.168.2.0:255.255.255.0 ", "10.0.0.0/8", "10.0.0.0/8")))
            .containsExactly("192.168.2.0:255.255.255.0", "10.0.0.0/8");
    }

    @Test
    void importReportsLinesAndIgnoresCommentsAndBlankLines() throws Exception {
        assertThat(ScreenList.parseImport("\uFEFF# partners\n\n10.0.0.0/8   # head office\n127.0.0.2\n"))
            .containsExactly("10.0.0.0/8", "127.0.0.2");
        assertThatThrownBy(() -> ScreenList.parseImport("10.0.0.1\n\n10.1.2.3:255.0.255.0\n" + "x".repeat(5000)))
            .isInstanceOfSatisfying(ApiError.class, e -> {
                assertThat(e.errors()).hasSize(2);
                assertThat(e.errors().get(0)).containsEntry("line", 3)
                    .containsEntry("message", "import:3: '10.1.2.3:255.0.255.0' is not a contiguous netmask");
                assertThat(e.errors().get(1)).containsEntry("line", 4);
            });
    }

    @Test
    void theListFileRoundTripsWithModeAndCountAndDecidesLikeTheHandler() throws Exception {
        ScreenList list = new ScreenList(PolicyMode.DENY_ALL_EXCEPT, List.of("192.168.2.0:255.255.255.0", "10.0.0.7"));
        Files.write(folder.resolve(ConnectionsFiles.LIST), list.render("alice\n#! policy accept-all-except"));
        String text = Files.readString(folder.resolve(ConnectionsFiles.LIST));
        assertThat(text).contains("#! policy deny-all-except\n#! entries 2\n").contains("(alice\\n#! policy");
        ScreenList read = ScreenList.read(folder);
        assertThat(read.mode()).isEqualTo(PolicyMode.DENY_ALL_EXCEPT);
        assertThat(read.entries()).containsExactly("192.168.2.0:255.255.255.0", "10.0.0.7");
        assertThat(read.policy().decide(InetAddress.getByName("192.168.2.9")).accepted()).isTrue();
        assertThat(read.policy().decide(InetAddress.getByName("192.168.3.9")).accepted()).isFalse();
    }

    @Test
    void lookupTakesOnlyOneAddressLiteral() throws Exception {
        assertThat(ConnectionsRoutes.ipLiteral("::ffff:10.0.0.1").getHostAddress()).isEqualTo("10.0.0.1");
        for (String bad : List.of("localhost", "10.0.0.0/8", "10.0.0.1:255.255.255.255", "", "0x7f000001", "1.2.3")) {
            assertThatThrownBy(() -> ConnectionsRoutes.ipLiteral(bad)).as(bad).isInstanceOf(ApiError.class);
        }
    }

    @Test
    void ifMatchNeedsAVersion() throws Exception {
        assertThat(IfMatch.version("\"20261202-000000-000-1a2b3\"")).isEqualTo("20261202-000000-000-1a2b3");
        assertThat(IfMatch.version("W/\"v\"")).isEqualTo("v");
        assertThatThrownBy(() -> IfMatch.version(null)).isInstanceOfSatisfying(ApiError.class,
            e -> assertThat(e.status()).isEqualTo(428));
    }
}
