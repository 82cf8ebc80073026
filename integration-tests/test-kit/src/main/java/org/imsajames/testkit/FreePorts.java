package org.imsajames.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A port nobody listens on right now, on any address.
 *
 * <p>Chosen below the kernel's ephemeral range (32768-60999 here): a port the kernel handed out for {@code bind(0)}
 * could be handed out again, a moment later, to another James's RMI server or to a client socket, and with host
 * networking a James in a container then fails to bind its JMX port ("Port already in use"). Below that range
 * only the tests pick ports, and one test JVM never hands out the same one twice.
 */
public final class FreePorts {
    private static final int FIRST = 20000;
    private static final int LAST = 32000;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    public static synchronized int next() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST + 1);
            if (!HANDED_OUT.contains(port) && bindable(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + FIRST + " and " + LAST);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port)); // the wildcard address: free on every interface
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
