package org.imsajames.outgoing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The tests' own DNS server: dnsmasq from Debian (package dnsmasq-base), on 127.0.53.53:53, answering only for
 * names under .test (MX, A, TXT as given) and refusing everything else, so James never asks an outside resolver.
 */
final class TestDns implements AutoCloseable {
    static final String ADDRESS = "127.0.53.53";
    /** James's conf/dnsservice.xml pointing at this server only. */
    static final String DNSSERVICE_XML = "<dnsservice><servers><server>" + ADDRESS + "</server></servers>"
            + "<autodiscover>false</autodiscover><authoritative>false</authoritative>"
            + "<maxcachesize>50000</maxcachesize></dnsservice>\n";

    private final List<String> records = new ArrayList<>();
    private Process process;

    /** DOMAIN's mail goes to MX_HOST (preference 10), which has the IPv4 ADDRESS. */
    TestDns mx(String domain, String mxHost, String address) {
        return mx(domain, mxHost, 10, address);
    }

    TestDns mx(String domain, String mxHost, int preference, String address) {
        records.add("--mx-host=" + domain + "," + mxHost + "," + preference);
        return host(mxHost, address);
    }

    TestDns host(String name, String address) {
        records.add("--host-record=" + name + "," + address);
        return this;
    }

    /** The TXT record of NAME, replacing any given before (takes effect at the next start). */
    TestDns txt(String name, String text) {
        records.removeIf(record -> record.startsWith("--txt-record=" + name + ","));
        if (text.contains(",")) {
            // dnsmasq splits TXT strings at commas and keeps quotes as data: no way to put a comma in one string.
            throw new IllegalArgumentException("a TXT text of the tests must not hold a comma: " + text);
        }
        records.add("--txt-record=" + name + "," + text);
        return this;
    }

    TestDns start(Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("dnsmasq", "--keep-in-foreground", "--no-resolv", "--no-hosts",
                "--conf-file=/dev/null", "--pid-file=", "--bind-interfaces", "--listen-address=" + ADDRESS, "--port=53",
                "--local=/test/", "--log-facility=-"));
        command.addAll(records);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("dnsmasq not found: apt-get install -y dnsmasq-base", e);
        }
        for (int i = 0; i < 50; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dnsmasq exited: " + Files.readString(log));
            }
            if (answers()) {
                return this;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("dnsmasq did not answer on " + ADDRESS + ": " + Files.readString(log));
    }

    /** Whether a query (for a .test A record) gets any reply. */
    private static boolean answers() throws IOException {
        byte[] query = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
            5, 'p', 'r', 'o', 'b', 'e', 4, 't', 'e', 's', 't', 0, 0, 1, 0, 1};
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(200);
            socket.send(new DatagramPacket(query, query.length, InetAddress.getByName(ADDRESS), 53));
            socket.receive(new DatagramPacket(new byte[512], 512));
            return true;
        } catch (java.net.SocketTimeoutException | java.net.PortUnreachableException e) {
            return false;
        }
    }

    /** Stops and starts again with the records as they are now (dnsmasq gives its local records TTL 0). */
    TestDns restart(Path log) throws IOException, InterruptedException {
        close();
        return start(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }
}
