package org.imsajames.bench.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SlowPtrResponderTest {

    @Test
    void answersPtrAfterTheDelayAndOtherQueriesAtOnceWithNxdomain() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (SlowPtrResponder responder = SlowPtrResponder.start(loopback, 0, 300);
             DatagramSocket client = new DatagramSocket()) {
            client.setSoTimeout(5000);

            long started = System.nanoTime();
            byte[] a = exchange(client, loopback, responder.port(), query(0x1111, "example.invalid", 1));
            long aMillis = (System.nanoTime() - started) / 1_000_000;
            started = System.nanoTime();
            byte[] ptr = exchange(client, loopback, responder.port(), query(0x2222, "1.0.1.127.in-addr.arpa", 12));
            long ptrMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(a[0] & 0xff).isEqualTo(0x11);
            assertThat(a[3] & 0x0f).as("rcode").isEqualTo(3);
            assertThat(aMillis).isLessThan(300);
            assertThat(ptr[0] & 0xff).isEqualTo(0x22);
            assertThat(ptr[3] & 0x0f).as("rcode").isZero();
            assertThat(ptr[7]).as("one answer").isEqualTo((byte) 1);
            assertThat(new String(ptr, StandardCharsets.US_ASCII)).contains("slow-client");
            assertThat(ptrMillis).isGreaterThanOrEqualTo(290);
            assertThat(responder.ptrQueries()).isEqualTo(1);
            assertThat(responder.otherQueries()).isEqualTo(1);
        }
    }

    @Test
    void bindsLoopbackOnly() {
        assertThatThrownBy(() -> SlowPtrResponder.start(InetAddress.getByName("0.0.0.0"), 0, 1))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void warmUpStopsAtTwoIntervalsWithinFivePercent() throws Exception {
        double[] rates = {57, 77, 100, 103, 104, 104};
        int[] next = {0};

        assertThat(WarmUp.until(() -> rates[next[0]++], 10)).containsExactly(57.0, 77.0, 100.0, 103.0);
        assertThat(WarmUp.until(() -> 10.0 * ++next[0], 3)).hasSize(3);
    }

    private static byte[] exchange(DatagramSocket client, InetAddress server, int port, byte[] query) throws Exception {
        client.send(new DatagramPacket(query, query.length, server, port));
        DatagramPacket reply = new DatagramPacket(new byte[512], 512);
        client.receive(reply);
        return java.util.Arrays.copyOf(reply.getData(), reply.getLength());
    }

    private static byte[] query(int id, String name, int type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(id >> 8);
        out.write(id & 0xff);
        out.writeBytes(new byte[] {1, 0, 0, 1, 0, 0, 0, 0, 0, 0});
        for (String label : name.split("\\.")) {
            out.write(label.length());
            out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(new byte[] {0, 0, (byte) type, 0, 1});
        return out.toByteArray();
    }
}
