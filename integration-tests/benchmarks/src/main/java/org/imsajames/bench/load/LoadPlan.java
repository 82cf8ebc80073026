package org.imsajames.bench.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** What one load run does, always bounded in count and time, and aimed at loopback only. */
public final class LoadPlan {
    public static final int MAX_CLIENTS = 512;
    public static final int MAX_SECONDS = 600;
    public static final int MAX_WARMUP_SECONDS = 120;
    public static final long MAX_SESSIONS = 5_000_000L;

    final InetSocketAddress target;
    final int clients;
    final long sessions;
    final int seconds;
    final int warmupSeconds;
    final SourceRange sources;
    final SessionMode mode;
    final boolean tls;
    final int expectedFirstReply;
    final int messageBytes;

    /**
     * @param sessions           sessions to start at most, warm-up included (1..5,000,000)
     * @param seconds            measured seconds (1..600), after warmupSeconds (0..120)
     * @param expectedFirstReply 220 for accepted clients, 554 for refused ones
     */
    public LoadPlan(InetAddress host, int port, int clients, long sessions, int seconds, int warmupSeconds,
        SourceRange sources, SessionMode mode, boolean tls, int expectedFirstReply, int messageBytes) {
        SourceRange.requireLoopback(host, "target " + host.getHostAddress());
        this.target = new InetSocketAddress(host, port);
        this.clients = within("clients", clients, 1, MAX_CLIENTS);
        within("sessions", sessions, 1, MAX_SESSIONS);
        this.sessions = sessions;
        this.seconds = within("seconds", seconds, 1, MAX_SECONDS);
        this.warmupSeconds = within("warm-up seconds", warmupSeconds, 0, MAX_WARMUP_SECONDS);
        this.sources = sources;
        this.mode = mode;
        this.tls = tls;
        if (expectedFirstReply != 220 && expectedFirstReply != 554) {
            throw new IllegalArgumentException("expected first reply must be 220 or 554, not " + expectedFirstReply);
        }
        if (mode == SessionMode.FULL && expectedFirstReply != 220) {
            throw new IllegalArgumentException("a full session needs a 220 greeting");
        }
        this.expectedFirstReply = expectedFirstReply;
        this.messageBytes = (int) within("message bytes", messageBytes, 128, 10 << 20);
    }

    private static int within(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be within " + min + ".." + max + ", not " + value);
        }
        return (int) Math.min(value, Integer.MAX_VALUE);
    }

    @Override
    public String toString() {
        return String.format("%s:%d mode=%s tls=%s clients=%d sources=%s expect=%d seconds=%d+%d warm-up",
            target.getAddress().getHostAddress(), target.getPort(), mode.name().toLowerCase(), tls, clients, sources,
            expectedFirstReply, seconds, warmupSeconds);
    }
}
