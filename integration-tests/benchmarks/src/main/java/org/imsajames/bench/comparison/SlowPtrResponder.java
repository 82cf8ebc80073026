package org.imsajames.bench.comparison;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A DNS responder of the benchmark's own, for the slow-resolver scenario: it answers every PTR query after a delay
 * (a slow or overloaded resolver), with a name that does not resolve back, and every other query at once with
 * NXDOMAIN. Binds a loopback address only; the comparison runs it inside its own network namespace, whose
 * resolv.conf points to it, so nothing leaves the namespace.
 */
final class SlowPtrResponder implements AutoCloseable {
    private static final int PTR = 12;
    private static final int NXDOMAIN = 3;

    private final DatagramSocket socket;
    private final ScheduledExecutorService delayed = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "slow-ptr-answers");
        thread.setDaemon(true);
        return thread;
    });
    private final long delayMillis;
    private final AtomicLong ptrQueries = new AtomicLong();
    private final AtomicLong otherQueries = new AtomicLong();
    private final Thread receiver;

    private SlowPtrResponder(DatagramSocket socket, long delayMillis) {
        this.socket = socket;
        this.delayMillis = delayMillis;
        this.receiver = new Thread(this::receive, "slow-ptr-responder");
        this.receiver.setDaemon(true);
    }

    static SlowPtrResponder start(InetAddress address, int port, long delayMillis) throws IOException {
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("the responder binds loopback only, not " + address);
        }
        SlowPtrResponder responder = new SlowPtrResponder(new DatagramSocket(new InetSocketAddress(address, port)),
            delayMillis);
        responder.receiver.start();
        return responder;
    }

    int port() {
        return socket.getLocalPort();
    }

    long ptrQueries() {
        return ptrQueries.get();
    }

    long otherQueries() {
        return otherQueries.get();
    }

    private void receive() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return;
            }
            byte[] query = Arrays.copyOf(packet.getData(), packet.getLength());
            SocketAddress client = packet.getSocketAddress();
            int questionEnd = questionEnd(query);
            if (questionEnd < 0) {
                continue;
            }
            int type = ((query[questionEnd - 4] & 0xff) << 8) | (query[questionEnd - 3] & 0xff);
            if (type == PTR) {
                ptrQueries.incrementAndGet();
                delayed.schedule(() -> send(ptrAnswer(query, questionEnd), client), delayMillis, TimeUnit.MILLISECONDS);
            } else {
                otherQueries.incrementAndGet();
                send(nxdomain(query, questionEnd), client);
            }
        }
    }

    /** Offset just after the first question (name, type, class), or -1 if the packet is not a plain query. */
    private static int questionEnd(byte[] query) {
        if (query.length < 12 || (query[2] & 0x80) != 0 || (((query[4] & 0xff) << 8) | (query[5] & 0xff)) != 1) {
            return -1;
        }
        int at = 12;
        while (at < query.length && query[at] != 0) {
            if ((query[at] & 0xc0) != 0) {
                return -1;
            }
            at += (query[at] & 0xff) + 1;
        }
        at += 1 + 4;
        return at <= query.length ? at : -1;
    }

    private static byte[] header(byte[] query, int questionEnd, int answers, int rcode) {
        byte[] reply = Arrays.copyOf(query, questionEnd);
        reply[2] = (byte) (0x80 | (query[2] & 0x01)); // response, recursion desired as asked
        reply[3] = (byte) (0x80 | rcode); // recursion available
        reply[6] = 0;
        reply[7] = (byte) answers;
        Arrays.fill(reply, 8, 12, (byte) 0);
        return reply;
    }

    private static byte[] nxdomain(byte[] query, int questionEnd) {
        return header(query, questionEnd, 0, NXDOMAIN);
    }

    /** One PTR record, TTL 0, naming a host under .invalid (which never resolves back). */
    private static byte[] ptrAnswer(byte[] query, int questionEnd) {
        byte[] head = header(query, questionEnd, 1, 0);
        byte[] name = encodeName("slow-client.bench.invalid");
        ByteBuffer reply = ByteBuffer.allocate(head.length + 12 + name.length);
        reply.put(head);
        reply.putShort((short) 0xc00c); // the question's name
        reply.putShort((short) PTR).putShort((short) 1).putInt(0).putShort((short) name.length).put(name);
        return reply.array();
    }

    private static byte[] encodeName(String name) {
        ByteBuffer encoded = ByteBuffer.allocate(name.length() + 2);
        for (String label : name.split("\\.")) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            encoded.put((byte) bytes.length).put(bytes);
        }
        encoded.put((byte) 0);
        return Arrays.copyOf(encoded.array(), encoded.position());
    }

    private void send(byte[] reply, SocketAddress client) {
        try {
            socket.send(new DatagramPacket(reply, reply.length, client));
        } catch (IOException e) {
            // The client gave up; a resolver that answers late does not care.
        }
    }

    @Override
    public void close() {
        socket.close();
        delayed.shutdownNow();
    }
}
