package org.imsajames.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.imsajames.testkit.FreePorts;
import org.imsajames.testkit.JamesServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real James 3.8.1 nodes (child JVMs) sharing one conf/imsa folder, as two pods share a volume: node B's
 * conf/imsa is a link to node A's, its own smtpserver.xml differs only in the SMTP port (both listen on this
 * machine's loopback). A save on either node is in force on the other within 2 s; concurrent saves with the same
 * version are serialised by the version check under the shared lock: one wins, the other gets 412.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesSharedConfInJamesTest {
    private static final String STATE = "/imsa/connections";
    private static final Duration ON_THE_OTHER_NODE_WITHIN = Duration.ofSeconds(2);

    ConnectionsJames a;
    Path homeB;
    int smtpB;
    int webAdminB;
    JamesServerProcess jamesA;
    JamesServerProcess jamesB;
    WebAdminClient adminA;
    WebAdminClient adminB;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        a = ConnectionsJames.generate(work.resolve("a"));
        homeB = Files.createDirectories(work.resolve("b"));
        Path confA = a.home.resolve("conf");
        Path confB = Files.createDirectories(homeB.resolve("conf"));
        smtpB = FreePorts.next();
        webAdminB = FreePorts.next();
        Files.createSymbolicLink(confB.resolve("imsa"), confA.resolve("imsa"));
        String smtpServer = Files.readString(confA.resolve("smtpserver.xml"));
        assertThat(smtpServer).contains("<bind>127.0.0.1:" + a.smtpPort + "</bind>");
        Files.writeString(confB.resolve("smtpserver.xml"),
            smtpServer.replace("<bind>127.0.0.1:" + a.smtpPort + "</bind>", "<bind>127.0.0.1:" + smtpB + "</bind>"));
        for (String name : List.of("mailetcontainer.xml", "jvm.properties", "imsa-webadmin-jwt.pub")) {
            Files.copy(confA.resolve(name), confB.resolve(name));
        }
        ConnectionsJames.writeWebAdminProperties(confB, webAdminB);
        jamesA = a.start();
        jamesB = JamesServerProcess.start(homeB);
        adminA = a.admin("alice");
        adminB = new WebAdminClient(webAdminB, a.tokens.admin("bob"));
    }

    @AfterAll
    void stop() throws Exception {
        for (JamesServerProcess james : new JamesServerProcess[] {jamesA, jamesB}) {
            if (james != null) {
                james.close();
            }
        }
    }

    @Test
    @Order(1)
    void bothNodesShowTheSameVersion() throws Exception {
        assertThat(adminB.get(STATE).etag).isEqualTo(adminA.get(STATE).etag);
        SmtpAssertionsWithin.greeted("127.0.40.5", a.smtpPort);
        SmtpAssertionsWithin.greeted("127.0.40.5", smtpB);
    }

    @Test
    @Order(2)
    void aSaveOnNodeAIsInForceOnNodeBWithinTwoSeconds() throws Exception {
        WebAdminClient.Reply saved = adminA.putJson(STATE + "/connection-control", adminA.get(STATE).etag,
            "{\"policy\":\"deny-all-except\",\"entries\":[\"127.0.41.0/24\"]}");
        assertThat(saved.status).as(saved.body).isEqualTo(200);
        Duration onB = SmtpAssertionsWithin.refusedWithin("127.0.40.5", smtpB, ON_THE_OTHER_NODE_WITHIN);
        SmtpAssertionsWithin.greeted("127.0.41.9", smtpB);
        assertThat(adminB.get(STATE).etag).isEqualTo(saved.etag);
        System.out.println("node A's save in force on node B after " + onB.toMillis() + " ms");
    }

    @Test
    @Order(3)
    void aSaveOnNodeBIsInForceOnNodeAWithinTwoSeconds() throws Exception {
        WebAdminClient.Reply saved = adminB.putJson(STATE + "/tls", adminB.get(STATE).etag,
            "{\"incoming\":{\"tlsOnly\":true}}");
        assertThat(saved.status).as(saved.body).isEqualTo(200);
        java.time.Instant deadline = java.time.Instant.now().plus(ON_THE_OTHER_NODE_WITHIN);
        String reply;
        do {
            try (org.imsajames.testkit.SmtpClient client = org.imsajames.testkit.SmtpClient.connect("127.0.41.9",
                    a.smtpPort)) {
                client.read();
                client.send("EHLO client.example");
                reply = client.send("MAIL FROM:<a@example.com>").toString();
            }
        } while (!reply.startsWith("530") && java.time.Instant.now().isBefore(deadline));
        assertThat(reply).startsWith("530 5.7.0");
        assertThat(adminA.get(STATE + "/history").json().get(0).get("by").asText()).isEqualTo("bob");
    }

    @Test
    @Order(4)
    void concurrentSavesOnBothNodesAreSerialisedByTheVersion() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String etag = adminA.get(STATE).etag;
                List<Callable<WebAdminClient.Reply>> saves = new ArrayList<>();
                saves.add(() -> adminA.putJson(STATE + "/connection-control", etag,
                    "{\"entries\":[\"127.0.41.0/24\",\"127.0.42.1\"]}"));
                saves.add(() -> adminB.putJson(STATE + "/connection-control", etag,
                    "{\"entries\":[\"127.0.41.0/24\",\"127.0.43.1\"]}"));
                List<Integer> statuses = new ArrayList<>();
                for (Future<WebAdminClient.Reply> reply : pool.invokeAll(saves)) {
                    statuses.add(reply.get().status);
                }
                assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(200, 412);
                assertThat(adminA.get(STATE).etag).isEqualTo(adminB.get(STATE).etag).isNotEqualTo(etag);
            }
        } finally {
            pool.shutdownNow();
        }
        WebAdminClient.Reply history = adminA.get(STATE + "/history");
        assertThat(history.json().size()).as("each 200 is one version, no 412 left one").isEqualTo(1 + 1 + 1 + 5);
    }
}
