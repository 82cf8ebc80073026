package org.imsajames.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.imsajames.testkit.TrustAllCertificates;

/**
 * Runs a {@link LoadPlan}: one thread per client, each doing sessions back to back on blocking sockets, bound to the
 * next source address in turn. Sessions started during the warm-up are not counted.
 */
public final class LoadRun {
    /** Past the end, how long stragglers may take (sockets time out after 10 s) before they are abandoned. */
    private static final long GRACE_MILLIS = 15_000;
    /** A session still running this long after the end was stalled, not merely in flight. */
    private static final long STALLED_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final LoadPlan plan;
    private final SessionScript script;
    private final AtomicLong sessionsLeft;
    private final AtomicLong nextSource = new AtomicLong();
    private final Map<String, Long> errors = new ConcurrentHashMap<>();
    private final AtomicLong overran = new AtomicLong();
    private long measureStart;
    private long end;

    private LoadRun(LoadPlan plan) {
        this.plan = plan;
        this.script = new SessionScript(plan.target, plan.mode, plan.expectedFirstReply,
            plan.tls ? TrustAllCertificates.socketFactory() : null, plan.messageBytes);
        this.sessionsLeft = new AtomicLong(plan.sessions);
    }

    public static LoadResult execute(LoadPlan plan) throws InterruptedException {
        return new LoadRun(plan).run();
    }

    private LoadResult run() throws InterruptedException {
        long start = System.nanoTime();
        measureStart = start + TimeUnit.SECONDS.toNanos(plan.warmupSeconds);
        end = measureStart + TimeUnit.SECONDS.toNanos(plan.seconds);
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < plan.clients; i++) {
            Client client = new Client();
            Thread thread = new Thread(client, "load-client-" + i);
            thread.setDaemon(true);
            client.thread = thread;
            clients.add(client);
            thread.start();
        }
        sleepUntil(measureStart);
        long cpuAtStart = processCpuNanos();
        long joinDeadline = end + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        for (Client client : clients) {
            long wait = TimeUnit.NANOSECONDS.toMillis(joinDeadline - System.nanoTime());
            client.thread.join(Math.max(1, wait));
        }
        long cpuAtEnd = processCpuNanos();
        long cpuWindow = Math.max(1, Math.min(System.nanoTime(), end) - measureStart);
        long lastStop = measureStart;
        int total = 0;
        for (Client client : clients) {
            lastStop = Math.max(lastStop, client.stoppedAt);
            total += client.count;
        }
        long[] latencies = new long[total];
        int offset = 0;
        for (Client client : clients) {
            System.arraycopy(client.latenciesMicros, 0, latencies, offset, client.count);
            offset += client.count;
        }
        // Stopped early by the session count: the window ends with the last session.
        double seconds = (Math.min(end, lastStop) - measureStart) / 1e9;
        double cpuShare = (cpuAtEnd - cpuAtStart) / (double) cpuWindow;
        long stuck = clients.stream().filter(client -> client.thread.isAlive()).count();
        return new LoadResult(latencies, seconds, errors, script.tlsParameters(), cpuShare, overran.get() + stuck);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** CPU time of this process, all threads. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }

    private final class Client implements Runnable {
        Thread thread;
        long[] latenciesMicros = new long[1024];
        volatile int count;
        volatile long stoppedAt;

        @Override
        public void run() {
            try {
                while (System.nanoTime() < end && sessionsLeft.getAndDecrement() > 0) {
                    InetAddress source = plan.sources.address(nextSource.getAndIncrement());
                    long started = System.nanoTime();
                    String failure = session(source);
                    long finished = System.nanoTime();
                    if (started >= measureStart && finished > end + STALLED_NANOS) {
                        overran.incrementAndGet();
                    }
                    if (started < measureStart || finished > end) {
                        continue;
                    }
                    if (failure == null) {
                        record((finished - started) / 1000);
                    } else {
                        errors.merge(failure, 1L, Long::sum);
                    }
                }
            } finally {
                stoppedAt = System.nanoTime();
            }
        }

        private String session(InetAddress source) {
            try {
                script.run(source);
                return null;
            } catch (SessionFailure e) {
                return e.getMessage();
            } catch (IOException e) {
                return e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }

        private void record(long micros) {
            if (count == latenciesMicros.length) {
                latenciesMicros = Arrays.copyOf(latenciesMicros, count * 2);
            }
            latenciesMicros[count] = micros;
            count++;
        }
    }
}
