package org.imsajames.bench.load;

import java.net.InetAddress;
import java.util.Locale;
import java.util.concurrent.Callable;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The SMTP load tool: N concurrent clients on rotating loopback sources; prints sessions/s, latency, errors. */
@Command(name = "smtp-load", mixinStandardHelpOptions = true, sortOptions = false,
    description = "SMTP load on loopback, bounded in sessions and seconds.")
public final class SmtpLoad implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1",
        description = "Server address, inside 127.0.0.0/8 (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", required = true, description = "Server port.")
    private int port;

    @Option(names = "--clients", defaultValue = "32",
        description = "Concurrent clients, 1..512 (default: ${DEFAULT-VALUE}).")
    private int clients;

    @Option(names = "--sessions", defaultValue = "5000000",
        description = "Sessions to start at most, 1..5,000,000 (default: ${DEFAULT-VALUE}).")
    private long sessions;

    @Option(names = "--seconds", defaultValue = "10",
        description = "Measured seconds, 1..600 (default: ${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--warmup", defaultValue = "2",
        description = "Warm-up seconds not counted, 0..120 (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--sources", defaultValue = "127.0.0.1",
        description = "Source addresses to rotate, e.g. 127.2.0.0/22 (default: ${DEFAULT-VALUE}).")
    private String sources;

    @Option(names = "--mode", defaultValue = "full", description = "full or connect (default: ${DEFAULT-VALUE}).")
    private String mode;

    @Option(names = "--tls", description = "STARTTLS in full sessions (a full handshake each time).")
    private boolean tls;

    @Option(names = "--expect", defaultValue = "220",
        description = "First reply expected: 220, or 554 for refused clients (default: ${DEFAULT-VALUE}).")
    private int expect;

    @Option(names = "--message-bytes", defaultValue = "1024", description = "Message size (default: ${DEFAULT-VALUE}).")
    private int messageBytes;

    public static void main(String[] args) {
        ClientTlsGroups.offerX25519Only();
        System.exit(new CommandLine(new SmtpLoad()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        LoadPlan plan;
        try {
            InetAddress target = InetAddress.getByAddress(literal(host));
            plan = new LoadPlan(target, port, clients, sessions, seconds, warmup, SourceRange.parse(sources),
                SessionMode.valueOf(mode.toUpperCase(Locale.ROOT)), tls, expect, messageBytes);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        System.out.println(plan);
        LoadResult result = LoadRun.execute(plan);
        System.out.println(result);
        return result.sessions() > 0 ? 0 : 1;
    }

    /** The host as an IPv4 literal: a name is refused rather than resolved. */
    private static byte[] literal(String text) {
        IPAddress address = new IPAddressString(text).getAddress();
        if (address == null || address.isMultiple() || !address.isIPv4()) {
            throw new IllegalArgumentException("--host must be an IPv4 literal inside 127.0.0.0/8, not '" + text + "'");
        }
        return address.getBytes();
    }
}
