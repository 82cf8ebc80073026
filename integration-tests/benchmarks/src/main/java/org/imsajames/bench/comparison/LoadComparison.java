package org.imsajames.bench.comparison;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.imsajames.bench.lists.SyntheticEntry;
import org.imsajames.bench.lists.SyntheticList;
import org.imsajames.bench.load.ClientTlsGroups;
import org.imsajames.bench.load.LoadPlan;
import org.imsajames.bench.load.LoadResult;
import org.imsajames.bench.load.LoadRun;
import org.imsajames.bench.load.SessionMode;
import org.imsajames.bench.load.SourceRange;
import org.imsajames.testkit.FreePorts;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Issue #5's load comparison in one run: the load tool's own ceiling, then stock James, James + our handlers and
 * Postfix side by side in alternating rounds, then James's resident memory with and without a 1M-entry list.
 * Prints a results table with ratios and writes it to WORK/results.md.
 */
@Command(name = "load-comparison", mixinStandardHelpOptions = true, sortOptions = false,
    description = "James + imsa-james handlers vs stock James vs Postfix, on loopback.")
public final class LoadComparison implements Callable<Integer> {
    private static final long LIST_SEED = 5L;
    private static final String REFUSED_SOURCES = "127.1.0.0/20";
    private static final String ALLOWED_SOURCES = "127.2.0.0/20";
    private static final String STOCK = "stock James";
    private static final String OURS = "James + imsa-james";
    private static final String POSTFIX = "Postfix";
    private static final String OURS_NO_LOOKUP = "James + imsa-james, mdc.hostname=false";
    private static final String TRIVIAL = "trivial server (harness ceiling)";
    private static final String WORK_MARKER = ".load-comparison";
    /**
     * James 3.8.1 looks up each new client's host name for its log context before any handler runs
     * (ProtocolMDCContextFactory); this switch, read once at start, turns that off.
     */
    private static final List<String> NO_CLIENT_NAME_LOOKUP = List.of("-Djames.protocols.mdc.hostname=false");

    @Option(names = "--work", required = true, description = "Folder for lists, servers and results (emptied first).")
    private Path work;

    @Option(names = "--extension-jar", required = true, description = "The drop-in jar.")
    private Path extensionJar;

    @Option(names = "--james-classpath", required = true,
        description = "integration-tests/james-runtime/target/james.classpath")
    private Path jamesClassPath;

    @Option(names = "--server-cpus", defaultValue = "0",
        description = "CPUs the servers run on, taskset syntax; empty: no pinning (default: ${DEFAULT-VALUE}).")
    private String serverCpus;

    @Option(names = "--clients", defaultValue = "32", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    private int clients;

    @Option(names = "--rounds", defaultValue = "3",
        description = "Rounds; each runs every server once per scenario (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--seconds", defaultValue = "10",
        description = "Measured seconds per run (default: ${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--warmup", defaultValue = "2",
        description = "Warm-up seconds before each run (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--server-warmup", defaultValue = "15",
        description = "Seconds of load each server gets once, before the rounds (default: ${DEFAULT-VALUE}).")
    private int serverWarmup;

    @Option(names = "--list-entries", defaultValue = "100000",
        description = "Entries of the list in scenarios 1-3 (default: ${DEFAULT-VALUE}).")
    private int listEntries;

    @Option(names = "--memory-only",
        description = "Measure only scenario 4 (James's RSS without and with the big list): a quick check.")
    private boolean memoryOnly;

    @Option(names = "--memory-list-entries", defaultValue = "1000000",
        description = "Entries of the list in scenario 4 (default: ${DEFAULT-VALUE}).")
    private int memoryListEntries;

    @Option(names = "--james-heap", defaultValue = "512m",
        description = "-Xmx of every James (default: ${DEFAULT-VALUE}).")
    private String jamesHeap;

    @Option(names = "--settle", defaultValue = "10",
        description = "Seconds after James started before its RSS is read (default: ${DEFAULT-VALUE}).")
    private int settleSeconds;

    private final StringBuilder report = new StringBuilder();
    private final Measurements measurements = new Measurements();

    public static void main(String[] args) {
        ClientTlsGroups.offerX25519Only();
        System.exit(new CommandLine(new LoadComparison()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        prepareWork();
        String started = ZonedDateTime.now(ZoneOffset.UTC)
            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        String loadBefore = MachineInfo.loadAverage();
        log("# Load comparison, " + started);
        log("machine: " + MachineInfo.describe(work));

        List<SyntheticEntry> refusedClients = SyntheticList.singleAddresses(new byte[] {127, 1, 0, 0},
            SourceRange.parse(REFUSED_SOURCES).size());
        List<SyntheticEntry> list = SyntheticList.withListed(listEntries, LIST_SEED, refusedClients);
        Path imsaList = work.resolve("deny.list");
        Path cidrTable = work.resolve("deny.cidr");
        ListFiles.writeImsa(imsaList, list);
        ListFiles.writePostfixCidr(cidrTable, list);
        Path bigList = work.resolve("deny-big.list");
        ListFiles.writeImsa(bigList, SyntheticList.generate(memoryListEntries, LIST_SEED + 1));
        Path emptyList = work.resolve("deny-empty.list");
        Files.writeString(emptyList, "# no entries\n");
        BenchEnvironment environment = new BenchEnvironment(extensionJar, jamesClassPath, serverCpus, jamesHeap,
            TlsMaterial.create(work.resolve("tls")));

        if (memoryOnly) {
            MemoryResult memory = memory(environment, emptyList, bigList);
            log(String.format("%n%,d entries: RSS difference %.1f MiB (after GC.run %.1f MiB); load average before %s, "
                + "after %s", memory.entries, memory.differenceMib(), memory.differenceAfterGcMib(), loadBefore,
                MachineInfo.loadAverage()));
            Files.writeString(work.resolve("results.md"), report.toString(), UTF_8);
            return 0;
        }
        ceiling(environment);
        sideBySide(environment, imsaList, cidrTable);
        MemoryResult memory = memory(environment, emptyList, bigList);

        String settings = String.format("%d clients, %d rounds of %d s measured (+%d s warm-up) per server and scenario, "
            + "servers pinned to CPU(s) '%s'; list of %,d entries (%d of them the refused clients' addresses); "
            + "load average before %s, after %s", clients, rounds, seconds, warmup, serverCpus, listEntries,
            refusedClients.size(), loadBefore, MachineInfo.loadAverage());
        String table = new ResultsTable(measurements, STOCK, OURS, POSTFIX, TRIVIAL, OURS_NO_LOOKUP)
            .render(settings, memory);
        log("");
        log(table);
        Files.writeString(work.resolve("results.md"), report.toString(), UTF_8);
        System.out.println("\nwritten to " + work.resolve("results.md"));
        return 0;
    }

    /** Empties WORK from an earlier run; refuses a folder this tool did not make, rather than delete it. */
    private void prepareWork() throws IOException {
        Path marker = work.resolve(WORK_MARKER);
        if (Files.isDirectory(work)) {
            try (var entries = Files.list(work)) {
                if (entries.findAny().isPresent() && !Files.exists(marker)) {
                    throw new IOException(
                        work + " is not empty and was not made by load-comparison: choose another --work");
                }
            }
            try (var paths = Files.walk(work)) {
                for (Path path : paths.sorted(Collections.reverseOrder()).toList()) {
                    if (!path.equals(work)) {
                        Files.delete(path);
                    }
                }
            }
        }
        Files.createDirectories(work);
        Files.writeString(marker, "made by org.imsajames.bench.comparison.LoadComparison\n");
    }

    private void ceiling(BenchEnvironment environment) throws Exception {
        log("\n## Load tool ceiling against a do-nothing server (same CPU pinning)");
        for (Scenario scenario : Scenario.values()) {
            int port = FreePorts.next();
            String mode = scenario == Scenario.REFUSED ? "refuse" : "accept";
            Path home = Files.createDirectories(work.resolve("trivial-" + mode));
            List<String> command = List.of(environment.javaBinary(), "-cp", benchmarksJar(),
                "org.imsajames.bench.load.TrivialSmtpServer", "--port", Integer.toString(port), "--mode", mode,
                "--keystore", environment.tls.keystore.toString(), "--max-seconds", "900");
            ProcessBuilder builder = new ProcessBuilder(ChildProcesses.pinned(environment.serverCpus, command))
                .redirectErrorStream(true).redirectOutput(home.resolve("server.log").toFile());
            builder.environment().put("BENCH_KEYSTORE_SECRET", environment.tls.secret);
            Process server = builder.start();
            try {
                ChildProcesses.awaitPort(port, Duration.ofMinutes(1), server, home.resolve("server.log"));
                load(TRIVIAL, port, scenario, serverWarmup, 0);
                for (int round = 1; round <= rounds; round++) {
                    measurements.add(scenario, TRIVIAL, load(TRIVIAL, port, scenario, seconds, warmup));
                }
            } finally {
                ChildProcesses.stop(server);
            }
        }
    }

    private void sideBySide(BenchEnvironment environment, Path imsaList, Path cidrTable) throws Exception {
        log("\n## Side by side (rounds alternate the order of the servers)");
        try (JamesInstance stock = JamesInstance.start(STOCK, work.resolve("james-stock"), FreePorts.next(),
                new JamesInstance.Setup("", List.of(), List.of()), environment);
             JamesInstance ours = JamesInstance.start(OURS, work.resolve("james-ours"), FreePorts.next(),
                 ourSetup(imsaList), environment);
             JamesInstance oursNoLookup = JamesInstance.start(OURS_NO_LOOKUP, work.resolve("james-ours-no-lookup"),
                 FreePorts.next(), ourSetup(imsaList, NO_CLIENT_NAME_LOOKUP), environment);
             PostfixInstance postfix = PostfixInstance.start(work.resolve("postfix"), FreePorts.next(), cidrTable,
                 environment)) {
            Map<String, Integer> ports = Map.of(STOCK, stock.port(), OURS, ours.port(), POSTFIX, postfix.port(),
                OURS_NO_LOOKUP, oursNoLookup.port());
            List<String> tlsServers = new ArrayList<>(List.of(STOCK, OURS, POSTFIX));
            List<String> refusingServers = new ArrayList<>(List.of(OURS, POSTFIX, OURS_NO_LOOKUP));
            log("server warm-up (" + serverWarmup + " s each, not counted)");
            for (String server : tlsServers) {
                load(server, ports.get(server), Scenario.FULL_TLS, serverWarmup, 0);
            }
            for (String server : refusingServers) {
                load(server, ports.get(server), Scenario.REFUSED, serverWarmup, 0);
            }
            for (int round = 1; round <= rounds; round++) {
                log("round " + round);
                Collections.rotate(tlsServers, 1);
                Collections.rotate(refusingServers, 1);
                for (String server : tlsServers) {
                    measurements.add(Scenario.FULL_TLS, server,
                        load(server, ports.get(server), Scenario.FULL_TLS, seconds, warmup));
                }
                for (String server : refusingServers) {
                    measurements.add(Scenario.REFUSED, server,
                        load(server, ports.get(server), Scenario.REFUSED, seconds, warmup));
                }
            }
        }
    }

    private static JamesInstance.Setup ourSetup(Path list) {
        return ourSetup(list, List.of());
    }

    private static JamesInstance.Setup ourSetup(Path list, List<String> systemProperties) {
        String handlers = "      <handler class=\"org.imsajames.smtp.ConnectionControlHandler\">\n"
            + "        <policy>accept-all-except</policy>\n"
            + "        <listFile>file://conf/" + list.getFileName() + "</listFile>\n"
            + "      </handler>\n"
            + "      <handler class=\"org.imsajames.smtp.TlsOnlyHandler\"/>\n";
        return new JamesInstance.Setup(handlers, List.of(list), systemProperties);
    }

    /** Scenario 4: RSS of James + our handlers with an empty list and with the big one, each alone on the machine. */
    private MemoryResult memory(BenchEnvironment environment, Path emptyList, Path bigList) throws Exception {
        log("\n## Resident memory (each James alone, " + settleSeconds + " s after start)");
        long[] empty = rss(environment, "james-empty-list", emptyList);
        long[] big = rss(environment, "james-big-list", bigList);
        return new MemoryResult(memoryListEntries, empty[0], big[0], empty[1], big[1]);
    }

    /** RSS in KiB after start + settle, then after jcmd GC.run. */
    private long[] rss(BenchEnvironment environment, String name, Path list) throws Exception {
        try (JamesInstance james = JamesInstance.start(name, work.resolve(name), FreePorts.next(), ourSetup(list),
            environment)) {
            Thread.sleep(settleSeconds * 1000L);
            long settled = ChildProcesses.rssKib(james.pid());
            String jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString();
            ChildProcesses.run(List.of(jcmd, Long.toString(james.pid()), "GC.run"), james.home().resolve("jcmd.log"),
                Duration.ofMinutes(2));
            Thread.sleep(3000);
            long afterGc = ChildProcesses.rssKib(james.pid());
            log(String.format("%s: RSS %.1f MiB, after GC.run %.1f MiB", name, settled / 1024.0, afterGc / 1024.0));
            return new long[] {settled, afterGc};
        }
    }

    private Run load(String server, int port, Scenario scenario, int measured, int warmupSeconds)
        throws InterruptedException {
        boolean refused = scenario == Scenario.REFUSED;
        LoadPlan plan = new LoadPlan(InetAddress.getLoopbackAddress(), port, clients, LoadPlan.MAX_SESSIONS, measured,
            warmupSeconds, SourceRange.parse(refused ? REFUSED_SOURCES : ALLOWED_SOURCES),
            refused ? SessionMode.CONNECT : SessionMode.FULL, !refused, refused ? 554 : 220, 1024);
        String waited = ConntrackHeadroom.await();
        if (!waited.isEmpty()) {
            log("  (" + waited + ")");
        }
        CoreUsage cores = CoreUsage.start(serverCpus);
        LoadResult result = LoadRun.execute(plan);
        double serverCpu = cores.busySinceStart();
        log(String.format("  %-9s %-34s %s; server CPU(s) %.0f%% busy", scenario, server,
            result.toString().replace("\n", "\n      "), serverCpu * 100));
        return new Run(result, serverCpu);
    }

    private String benchmarksJar() {
        try {
            return Paths.get(LoadComparison.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void log(String line) {
        System.out.println(line);
        report.append(line).append('\n');
    }
}
