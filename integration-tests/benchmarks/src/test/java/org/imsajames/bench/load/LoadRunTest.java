package org.imsajames.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The load tool against its own do-nothing server, bounded by a small session count. */
class LoadRunTest {
    private static int refusing;
    private static int accepting;

    @BeforeAll
    static void servers() throws Exception {
        refusing = serve("refuse");
        accepting = serve("accept");
    }

    @Test
    void connectModeCountsRefusals() throws Exception {
        LoadResult result = LoadRun.execute(plan(refusing, SessionMode.CONNECT, 554));

        assertThat(result.errorCount()).isZero();
        assertThat(result.sessions()).isBetween(1L, 40L);
        assertThat(result.latencyMillis(50)).isPositive();
    }

    @Test
    void fullSessionsWithoutTls() throws Exception {
        LoadResult result = LoadRun.execute(plan(accepting, SessionMode.FULL, 220));

        assertThat(result.errorCount()).isZero();
        assertThat(result.sessions()).isBetween(1L, 40L);
    }

    @Test
    void unexpectedRepliesAreErrorsNotSessions() throws Exception {
        LoadResult result = LoadRun.execute(plan(refusing, SessionMode.CONNECT, 220));

        assertThat(result.sessions()).isZero();
        assertThat(result.errors()).hasSize(1);
        assertThat(result.errors().keySet().iterator().next()).contains("554").contains("expected 220");
    }

    @Test
    void refusesTargetsOutsideLoopbackAndUnboundedRuns() {
        assertThatThrownBy(() -> new LoadPlan(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}), 25, 1, 1, 1, 0,
            SourceRange.parse("127.0.0.1"), SessionMode.CONNECT, false, 554, 1024))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.0/8");
        assertThatThrownBy(() -> new LoadPlan(InetAddress.getLoopbackAddress(), 25, 1, LoadPlan.MAX_SESSIONS + 1, 1, 0,
            SourceRange.parse("127.0.0.1"), SessionMode.CONNECT, false, 554, 1024))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoadPlan(InetAddress.getLoopbackAddress(), 25, 1, 1, LoadPlan.MAX_SECONDS + 1, 0,
            SourceRange.parse("127.0.0.1"), SessionMode.CONNECT, false, 554, 1024))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messageIsTheAskedSizeThenTheTerminator() {
        byte[] message = SessionScript.message(1024);

        assertThat(message).hasSize(1024 + 3);
        assertThat(new String(message, java.nio.charset.StandardCharsets.US_ASCII)).endsWith("\r\n.\r\n")
            .doesNotContain("\n.\r\n\r\n");
    }

    private static LoadPlan plan(int port, SessionMode mode, int expect) {
        return new LoadPlan(InetAddress.getLoopbackAddress(), port, 4, 40, 20, 0, SourceRange.parse("127.3.0.0/28"),
            mode, false, expect, 1024);
    }

    private static int serve(String mode) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String[] args = {"--port", Integer.toString(port), "--mode", mode, "--max-seconds", "30"};
        Thread server = new Thread(() -> new CommandLine(new TrivialSmtpServer()).execute(args), "trivial-" + mode);
        server.setDaemon(true);
        server.start();
        for (int attempt = 0; attempt < 100; attempt++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return port;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("trivial server did not start");
    }
}
