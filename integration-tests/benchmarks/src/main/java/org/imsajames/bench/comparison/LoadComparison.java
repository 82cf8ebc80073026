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
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.imsajames.bench.lists.SyntheticEntry;
import org.imsajames.bench.lists.SyntheticList;
import org.imsajames.bench.load.ClientTlsGroups;
import org.imsajames.bench.load.LoadPlan;
import org.imsajames.bench.load.LoadResult;
import org.imsajames.bench.load.LoadRun;
import org.imsajames.bench.load.SessionMode;
import org.imsajames.bench.load.SourceRange;
import org.imsajames.testkit.FreePorts;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The load comparison in one run (issues #5 and #14): the load tool's own ceiling; full TLS sessions/s of stock
 * James, ours on the JDK engine, ours on the native engines and Postfix, with an RSA-2048 and an ECDSA P-256
 * certificate; refused connections/s with no DNS server and with one that answers PTR queries after 2 s; James's
 * resident memory on each engine and with a 1M-entry list. Every server is warmed until its rate is steady before
 * the rounds. Prints a results table with ratios and targets, writes it to WORK/results.md and every figure to
 * WORK/results.json (which plot-load-comparison.sh draws).
 */
@Command(name = "load-comparison", mixinStandardHelpOptions = true, sortOptions = false,
    description = "James + imsa-james handlers vs stock James vs Postfix, on loopback.")
public final class LoadComparison implements Callable<Integer> {
    private static final long LIST_SEED = 5L;
    private static final String REFUSED_SOURCES = "127.1.0.0/20";
    private static final String ALLOWED_SOURCES = "127.2.0.0/20";
    static final String TRIVIAL = "do-nothing server (tool ceiling)";
    static final String STOCK = "stock James";
    static final String OURS_JDK = "ours, JDK engine";
    static final String OURS_NATIVE = "ours, native engine (ACCP)";
    static final String OURS_NATIVE_LATE = "ours, ACCP registered by the handlers";
    static final String OURS_NO_STATS = "ours, native engine, stats off";
    static final String OURS_CONSCRYPT = "ours, Conscrypt";
    static final String OURS_LOOKUP = "ours, James's default jvm.properties (name lookup on)";
    static final String POSTFIX = "Postfix";
    static final String POSTFIX_LOOKUP = "Postfix, smtpd_peername_lookup = yes";
    private static final String WORK_MARKER = ".load-comparison";
    private static final long SLOW_PTR_MILLIS = 2000;
    /**
     * What the generator writes into jvm.properties: James 3.8.1 looks up each new client's host name for its log
     * context before any handler runs (ProtocolMDCContextFactory) unless this is false.
     */
    private static final String NO_CLIENT_NAME_LOOKUP = "-Djames.protocols.mdc.hostname=false";
    private static final String ENGINE = "-Dimsajames.tls.incoming.engine=";
    /** What the generator writes into extensions.properties: the engine is applied before James reads keystores. */
    private static final String EARLY_MODULE = "guice.extension.module=org.imsajames.tlsengine.NativeTlsModule\n";
    /**
     * Read once by ConnectionStats into a static final field: the JIT folds the counting away, so this James's
     * connection path is the one of a build without the stats (the Connections screen's counters), all else equal.
     */
    private static final String STATS_OFF = "-Dimsajames.connectionStats=off";

    @Option(names = "--work", required = true, description = "Folder for lists, servers and results (emptied first).")
    private Path work;

    @Option(names = "--extension-jar", required = true, description = "The drop-in jar.")
    private Path extensionJar;

    @Option(names = "--james-classpath", required = true,
        description = "integration-tests/james-runtime/target/james.classpath")
    private Path jamesClassPath;

    @Option(names = "--accp-jar", description = "Amazon Corretto Crypto Provider's jar (the native engine).")
    private Path accpJar;

    @Option(names = "--conscrypt-jar", description = "Conscrypt's uber jar (the other native candidate); "
        + "without it, Conscrypt is not measured.")
    private Path conscryptJar;

    @Option(names = "--slow-resolver", description = "This JVM runs in the comparison's own network namespace, "
        + "whose resolv.conf names 127.0.0.1: measure refusals with a DNS server there that answers PTR after 2 s.")
    private boolean slowResolver;

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

    @Option(names = "--warmup-interval", defaultValue = "5",
        description = "Seconds of one warm-up interval; a server is warm when two consecutive intervals are within "
            + "5% (default: ${DEFAULT-VALUE}).")
    private int warmupInterval;

    @Option(names = "--warmup-max-intervals", defaultValue = "12",
        description = "Most warm-up intervals per server and scenario (default: ${DEFAULT-VALUE}).")
    private int warmupMaxIntervals;

    @Option(names = "--list-entries", defaultValue = "100000",
        description = "Entries of the list the servers refuse from (default: ${DEFAULT-VALUE}).")
    private int listEntries;

    @Option(names = "--memory-only",
        description = "Measure only James's RSS without and with the big list: a quick check.")
    private boolean memoryOnly;

    @Option(names = "--skip-list-memory",
        description = "Skip the RSS without / with the big list (two more James starts).")
    private boolean skipListMemory;

    @Option(names = "--memory-list-entries", defaultValue = "1000000",
        description = "Entries of the big list (default: ${DEFAULT-VALUE}).")
    private int memoryListEntries;

    @Option(names = "--james-heap", defaultValue = "512m",
        description = "-Xmx of every James (default: ${DEFAULT-VALUE}).")
    private String jamesHeap;

    @Option(names = "--settle", defaultValue = "10",
        description = "Seconds after James started before its RSS is read (default: ${DEFAULT-VALUE}).")
    private int settleSeconds;

    private final StringBuilder report = new StringBuilder();
    private final Measurements measurements = new Measurements();
    private final Map<String, Double> engineRssMib = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

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
        log("load average before: " + loadBefore);

        List<SyntheticEntry> refusedClients = SyntheticList.singleAddresses(new byte[] {127, 1, 0, 0},
            SourceRange.parse(REFUSED_SOURCES).size());
        List<SyntheticEntry> list = SyntheticList.withListed(listEntries, LIST_SEED, refusedClients);
        Path imsaList = work.resolve("deny.list");
        Path cidrTable = work.resolve("deny.cidr");
        ListFiles.writeImsa(imsaList, list);
        ListFiles.writePostfixCidr(cidrTable, list);
        Path emptyList = work.resolve("deny-empty.list");
        Files.writeString(emptyList, "# no entries\n");
        BenchEnvironment environment = new BenchEnvironment(extensionJar, jamesClassPath, serverCpus, jamesHeap,
            TlsMaterial.create(work.resolve("tls"), TlsMaterial.KeyType.RSA_2048),
            TlsMaterial.create(work.resolve("tls-ec"), TlsMaterial.KeyType.EC_P256));

        if (memoryOnly) {
            MemoryResult memory = listMemory(environment, emptyList);
            log(String.format("%n%,d entries: RSS difference %.1f MiB (after GC.run %.1f MiB); load average before %s, "
                + "after %s", memory.entries, memory.differenceMib(), memory.differenceAfterGcMib(), loadBefore,
                MachineInfo.loadAverage()));
            Files.writeString(work.resolve("results.md"), report.toString(), UTF_8);
            return 0;
        }
        ceiling(environment);
        sideBySide(environment, imsaList, cidrTable);
        MemoryResult memory = skipListMemory ? null : listMemory(environment, emptyList);
        String loadAfter = MachineInfo.loadAverage();

        String settings = String.format("%d clients, %d rounds of %d s measured (+%d s warm-up) per server and scenario "
            + "after warm-up until steady (intervals of %d s, two in a row within 5%%, at most %d), servers pinned to "
            + "CPU(s) '%s'; list of %,d entries (%d of them the refused clients' addresses); load average before %s, "
            + "after %s", clients, rounds, seconds, warmup, warmupInterval, warmupMaxIntervals, serverCpus, listEntries,
            refusedClients.size(), loadBefore, loadAfter);
        ResultsTable table = new ResultsTable(measurements, engineRssMib, memory, notes);
        log("");
        log(table.render(settings));
        Files.writeString(work.resolve("results.md"), report.toString(), UTF_8);
        Files.writeString(work.resolve("results.json"), table.json(started, MachineInfo.describe(work), loadBefore,
            loadAfter, settings), UTF_8);
        System.out.println("\nwritten to " + work.resolve("results.md") + " and " + work.resolve("results.json"));
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
        for (Scenario scenario : List.of(Scenario.FULL_TLS_RSA, Scenario.FULL_TLS_EC, Scenario.REFUSED)) {
            int port = FreePorts.next();
            String mode = scenario == Scenario.REFUSED ? "refuse" : "accept";
            TlsMaterial tls = scenario == Scenario.FULL_TLS_EC ? environment.ecTls : environment.tls;
            Path home = Files.createDirectories(work.resolve("trivial-" + scenario.name().toLowerCase()));
            List<String> command = List.of(environment.javaBinary(), "-cp", benchmarksJar(),
                "org.imsajames.bench.load.TrivialSmtpServer", "--port", Integer.toString(port), "--mode", mode,
                "--keystore", tls.keystore.toString(), "--max-seconds", "900");
            ProcessBuilder builder = new ProcessBuilder(ChildProcesses.pinned(environment.serverCpus, command))
                .redirectErrorStream(true).redirectOutput(home.resolve("server.log").toFile());
            builder.environment().put("BENCH_KEYSTORE_SECRET", tls.secret);
            Process server = builder.start();
            try {
                ChildProcesses.awaitPort(port, Duration.ofMinutes(1), server, home.resolve("server.log"));
                warmUp(TRIVIAL, port, scenario);
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
        // Inside the namespace, our Jameses ask the namespace's resolver (no hosts file), as on a real host.
        boolean hostsFile = !slowResolver;
        Map<String, JamesInstance> jameses = new LinkedHashMap<>();
        try (PostfixInstance postfix = PostfixInstance.start(work.resolve("postfix"), FreePorts.next(), cidrTable,
                environment)) {
            startJames(jameses, STOCK, environment, () -> new JamesInstance.Setup("", List.of(), List.of()));
            startJames(jameses, OURS_JDK, environment, () -> ours(imsaList, List.of(NO_CLIENT_NAME_LOOKUP, ENGINE + "jdk"),
                List.of(), null, hostsFile));
            // As generated: NativeTlsModule (extensions.properties) registers the provider before James reads its
            // keystore, so the private key is the provider's own object.
            startJames(jameses, OURS_NATIVE, environment, () -> ours(imsaList,
                List.of(NO_CLIENT_NAME_LOOKUP, ENGINE + "native"), jars(accpJar), EARLY_MODULE, hostsFile));
            // The same, with the Connections screen's stats counting removed: what the counting costs.
            startJames(jameses, OURS_NO_STATS, environment, () -> ours(imsaList,
                List.of(NO_CLIENT_NAME_LOOKUP, ENGINE + "native", STATS_OFF), jars(accpJar), EARLY_MODULE, hostsFile));
            // Without extensions.properties (a hand-made conf): our handlers register it, after James has read its
            // keystore; the RSA key is then the JDK's object, converted at each signature.
            startJames(jameses, OURS_NATIVE_LATE, environment, () -> ours(imsaList,
                List.of(NO_CLIENT_NAME_LOOKUP, ENGINE + "native"), jars(accpJar), null, hostsFile));
            if (conscryptJar != null) {
                // A full TLS provider must be registered before James builds its SSLContext: our Guice module.
                startJames(jameses, OURS_CONSCRYPT, environment, () -> ours(imsaList,
                    List.of(NO_CLIENT_NAME_LOOKUP, ENGINE + "native", "-Dimsajames.tls.nativeProvider=conscrypt"),
                    jars(conscryptJar), EARLY_MODULE, hostsFile));
            }
            startJames(jameses, OURS_LOOKUP, environment, () -> ours(imsaList, List.of(), jars(accpJar), EARLY_MODULE,
                hostsFile));
            for (JamesInstance james : jameses.values()) {
                String engineLine = james.log().lines().filter(line -> line.contains("Incoming TLS")).findFirst()
                    .orElse("(no engine line: stock James)");
                log("  " + james.name() + ": " + engineLine.replaceFirst("^.*? - ", ""));
            }
            if (jameses.containsKey(OURS_NO_STATS)) {
                // The switch must have taken: otherwise the two Jameses compared would be the same build.
                boolean off = jameses.get(OURS_NO_STATS).log().contains("Connection stats off");
                log("  " + OURS_NO_STATS + ": " + (off ? "ConnectionStats says its counting is off"
                    : "NO \"Connection stats off\" line: the stats ratio below compares two identical Jameses"));
                if (!off) {
                    notes.add(OURS_NO_STATS + " did not log that its stats are off: its ratio means nothing");
                }
            }

            Map<Scenario, Map<String, Integer>> targets = new LinkedHashMap<>();
            for (Scenario tls : List.of(Scenario.FULL_TLS_RSA, Scenario.FULL_TLS_EC)) {
                Map<String, Integer> ports = new LinkedHashMap<>();
                for (String name : List.of(STOCK, OURS_JDK, OURS_NATIVE, OURS_NO_STATS, OURS_NATIVE_LATE,
                    OURS_CONSCRYPT)) {
                    JamesInstance james = jameses.get(name);
                    if (james != null) {
                        ports.put(name, tls == Scenario.FULL_TLS_EC ? james.ecPort() : james.port());
                    }
                }
                ports.put(POSTFIX, tls == Scenario.FULL_TLS_EC ? postfix.ecPort() : postfix.port());
                targets.put(tls, ports);
            }
            Map<String, Integer> refusing = new LinkedHashMap<>();
            refusing.put(OURS_NATIVE, jameses.get(OURS_NATIVE).port());
            if (jameses.containsKey(OURS_NO_STATS)) {
                refusing.put(OURS_NO_STATS, jameses.get(OURS_NO_STATS).port());
            }
            if (jameses.containsKey(OURS_LOOKUP)) {
                refusing.put(OURS_LOOKUP, jameses.get(OURS_LOOKUP).port());
            }
            refusing.put(POSTFIX, postfix.port());
            refusing.put(POSTFIX_LOOKUP, postfix.lookupPort());
            targets.put(Scenario.REFUSED, refusing);

            for (Map.Entry<Scenario, Map<String, Integer>> scenario : targets.entrySet()) {
                measureScenario(scenario.getKey(), scenario.getValue());
                if (scenario.getKey() == Scenario.FULL_TLS_EC) {
                    for (String name : List.of(OURS_JDK, OURS_NATIVE, OURS_NO_STATS, OURS_NATIVE_LATE,
                        OURS_CONSCRYPT)) {
                        if (jameses.containsKey(name)) {
                            engineRssMib.put(name, ChildProcesses.rssKib(jameses.get(name).pid()) / 1024.0);
                        }
                    }
                    log("  RSS after the TLS rounds: " + engineRssMib);
                }
            }
            if (slowResolver) {
                try (SlowPtrResponder responder = SlowPtrResponder.start(InetAddress.getByName("127.0.0.1"), 53,
                    SLOW_PTR_MILLIS)) {
                    log("\nDNS responder on 127.0.0.1:53 (this namespace only): every PTR answered after "
                        + SLOW_PTR_MILLIS + " ms");
                    // Postfix without lookups would only repeat its REFUSED figure: left out to keep the run short.
                    Map<String, Integer> slow = new LinkedHashMap<>(refusing);
                    slow.remove(POSTFIX);
                    // The stats' cost is measured without DNS (REFUSED): here it would only lengthen the run.
                    slow.remove(OURS_NO_STATS);
                    measureScenario(Scenario.REFUSED_SLOW_DNS, slow);
                    log("  PTR queries the responder received: " + responder.ptrQueries() + ", others: "
                        + responder.otherQueries());
                    notes.add("slow resolver: the responder received " + responder.ptrQueries() + " PTR queries and "
                        + responder.otherQueries() + " others");
                }
            } else {
                notes.add("slow resolver not measured: run-load-comparison.sh runs it in a network namespace (root)");
            }
        } finally {
            for (JamesInstance james : jameses.values()) {
                james.close();
            }
        }
    }

    /** Starts one James; one that fails to start is reported and left out, the comparison goes on. */
    private void startJames(Map<String, JamesInstance> jameses, String name, BenchEnvironment environment,
        Supplier<JamesInstance.Setup> setup) throws InterruptedException {
        try {
            String folder = "james-" + name.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-+$", "").toLowerCase();
            jameses.put(name, JamesInstance.start(name, work.resolve(folder), FreePorts.next(), setup.get(), environment));
        } catch (IOException | RuntimeException e) {
            log("  " + name + ": did not start, left out: " + e.getMessage());
            notes.add(name + " did not start: " + e.getMessage());
        }
    }

    private void measureScenario(Scenario scenario, Map<String, Integer> ports) throws InterruptedException {
        log("\n### " + scenario.name() + ": " + scenario.description);
        List<String> servers = new ArrayList<>(ports.keySet());
        for (String server : servers) {
            warmUp(server, ports.get(server), scenario);
        }
        for (int round = 1; round <= rounds; round++) {
            log("round " + round);
            Collections.rotate(servers, 1);
            for (String server : servers) {
                measurements.add(scenario, server, load(server, ports.get(server), scenario, seconds, warmup));
            }
        }
    }

    private void warmUp(String server, int port, Scenario scenario) throws InterruptedException {
        List<Double> curve = WarmUp.until(() -> quietLoad(server, port, scenario), warmupMaxIntervals);
        measurements.warmUp(scenario, server, curve);
        StringBuilder text = new StringBuilder();
        curve.forEach(rate -> text.append(text.length() == 0 ? "" : ", ").append(String.format("%.0f", rate)));
        log(String.format("  warm-up %-9s %-52s %s /s (%s)", scenario, server, text,
            WarmUp.stable(curve) ? "steady" : "NOT steady after " + curve.size() + " intervals"));
    }

    private double quietLoad(String server, int port, Scenario scenario) throws InterruptedException {
        return LoadRun.execute(plan(port, scenario, warmupInterval, 0)).sessionsPerSecond();
    }

    private static List<Path> jars(Path jar) {
        return jar == null ? List.of() : List.of(jar);
    }

    private static JamesInstance.Setup ours(Path list, List<String> systemProperties, List<Path> extraJars,
        String extensionsProperties, boolean hostsFile) {
        return new JamesInstance.Setup(handlers(list), List.of(list), systemProperties, extraJars,
            extensionsProperties, hostsFile);
    }

    private static String handlers(Path list) {
        return "      <handler class=\"org.imsajames.smtp.ConnectionControlHandler\">\n"
            + "        <policy>accept-all-except</policy>\n"
            + "        <listFile>file://conf/" + list.getFileName() + "</listFile>\n"
            + "      </handler>\n"
            + "      <handler class=\"org.imsajames.smtp.TlsOnlyHandler\"/>\n";
    }

    /** RSS of James + our handlers with an empty list and with the big one, each alone on the machine. */
    private MemoryResult listMemory(BenchEnvironment environment, Path emptyList) throws Exception {
        Path bigList = work.resolve("deny-big.list");
        ListFiles.writeImsa(bigList, SyntheticList.generate(memoryListEntries, LIST_SEED + 1));
        log("\n## Resident memory (each James alone, " + settleSeconds + " s after start)");
        long[] empty = rss(environment, "james-empty-list", emptyList);
        long[] big = rss(environment, "james-big-list", bigList);
        return new MemoryResult(memoryListEntries, empty[0], big[0], empty[1], big[1]);
    }

    /** RSS in KiB after start + settle, then after jcmd GC.run. */
    private long[] rss(BenchEnvironment environment, String name, Path list) throws Exception {
        JamesInstance.Setup setup = ours(list, List.of(NO_CLIENT_NAME_LOOKUP), jars(accpJar), EARLY_MODULE, true);
        try (JamesInstance james = JamesInstance.start(name, work.resolve(name), FreePorts.next(), setup, environment)) {
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

    private LoadPlan plan(int port, Scenario scenario, int measured, int warmupSeconds) {
        boolean refused = !scenario.tls;
        return new LoadPlan(InetAddress.getLoopbackAddress(), port, clients, LoadPlan.MAX_SESSIONS, measured,
            warmupSeconds, SourceRange.parse(refused ? REFUSED_SOURCES : ALLOWED_SOURCES),
            refused ? SessionMode.CONNECT : SessionMode.FULL, !refused, refused ? 554 : 220, 1024);
    }

    private Run load(String server, int port, Scenario scenario, int measured, int warmupSeconds)
        throws InterruptedException {
        String waited = ConntrackHeadroom.await();
        if (!waited.isEmpty()) {
            log("  (" + waited + ")");
        }
        CoreUsage cores = CoreUsage.start(serverCpus);
        LoadResult result = LoadRun.execute(plan(port, scenario, measured, warmupSeconds));
        double serverCpu = cores.busySinceStart();
        log(String.format("  %-9s %-52s %s; server CPU(s) %.0f%% busy", scenario, server,
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
