package org.imsajames.bench.comparison;

import org.imsajames.testkit.FreePorts;
import org.imsajames.testkit.PostfixServices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private Postfix instance (Debian's package) with its own config directory, listening on one loopback port and
 * never on port 25. Set up like the James side: the same list as a cidr: client access table checked at connect
 * time (smtpd_delay_reject = no), TLS required (smtpd_tls_security_level = encrypt) with the same key, accepted
 * mail dropped by the discard: transport, no reverse DNS (smtpd_peername_lookup = no), its queue in /dev/shm
 * (James's memory server keeps its queue in memory too).
 */
final class PostfixInstance implements AutoCloseable {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    private final Path config;
    private final Path queue;
    private final Process master;
    private final int port;
    private final int ecPort;
    private final int lookupPort;

    private PostfixInstance(Path config, Path queue, Process master, int port, int ecPort, int lookupPort) {
        this.config = config;
        this.queue = queue;
        this.master = master;
        this.port = port;
        this.ecPort = ecPort;
        this.lookupPort = lookupPort;
    }

    static PostfixInstance start(Path home, int port, Path cidrTable, BenchEnvironment environment)
        throws IOException, InterruptedException {
        Path config = Files.createDirectories(home.resolve("conf"));
        Path data = Files.createDirectories(home.resolve("data"));
        Path queue = Path.of("/dev/shm", "imsa-bench-postfix-" + port);
        deleteTree(queue);
        Files.createDirectories(queue);
        Path log = home.resolve("postfix.log");
        ChildProcesses.run(List.of("chown", "postfix", data.toString()), log, COMMAND_TIMEOUT);
        Files.writeString(config.resolve("main.cf"), mainCf(home, queue, data, cidrTable, environment.tls));
        int ecPort = environment.ecTls == null ? -1 : FreePorts.next();
        int lookupPort = FreePorts.next();
        Files.writeString(config.resolve("master.cf"), masterCf(port, ecPort, environment.ecTls, lookupPort));
        ChildProcesses.run(List.of("postfix", "-c", config.toString(), "check"), log, COMMAND_TIMEOUT);
        Process master = new ProcessBuilder(ChildProcesses.pinned(environment.serverCpus,
            List.of("postfix", "-c", config.toString(), "start-fg")))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("master.out").toFile()))
            .start();
        PostfixInstance postfix = new PostfixInstance(config, queue, master, port, ecPort, lookupPort);
        try {
            ChildProcesses.awaitPort(port, Duration.ofMinutes(2), master, log);
        } catch (IOException e) {
            postfix.close();
            throw e;
        }
        return postfix;
    }

    private static String mainCf(Path home, Path queue, Path data, Path cidrTable, TlsMaterial tls) {
        return String.join("\n",
            "compatibility_level = 3.6",
            "queue_directory = " + queue,
            "data_directory = " + data,
            "mail_owner = postfix",
            "setgid_group = postdrop",
            "inet_interfaces = 127.0.0.1",
            "inet_protocols = ipv4",
            "myhostname = bench.localdomain",
            "mydestination =",
            "mynetworks = 127.0.0.0/8",
            "relay_domains = bench.test",
            "relay_transport = discard",
            "default_transport = discard",
            "alias_maps =",
            "alias_database =",
            "biff = no",
            "smtpd_peername_lookup = no",
            "smtpd_delay_reject = no",
            "smtpd_client_restrictions = check_client_access cidr:" + cidrTable,
            "smtpd_tls_security_level = encrypt",
            "smtpd_tls_chain_files = " + tls.key + ", " + tls.certificate,
            "smtpd_tls_loglevel = 0",
            "maillog_file_prefixes = " + home,
            "maillog_file = " + home.resolve("postfix.log"),
            "");
    }

    /**
     * Debian's default services, not chrooted (the config and table live outside any chroot), smtpd on our port;
     * the same smtpd with the ECDSA certificate on ecPort, and with smtpd_peername_lookup = yes on lookupPort.
     */
    private static String masterCf(int port, int ecPort, TlsMaterial ecTls, int lookupPort) {
        String ec = ecTls == null ? "" : "127.0.0.1:" + ecPort + " inet n - n - - smtpd\n  -o smtpd_tls_chain_files="
            + ecTls.key + "," + ecTls.certificate + "\n";
        return String.join("\n",
            "127.0.0.1:" + port + " inet n - n - - smtpd",
            ec + "127.0.0.1:" + lookupPort + " inet n - n - - smtpd",
            "  -o smtpd_peername_lookup=yes",
            PostfixServices.INTERNAL);
    }

    int port() {
        return port;
    }

    int ecPort() {
        return ecPort;
    }

    /** The smtpd that looks up each client's name (smtpd_peername_lookup = yes). */
    int lookupPort() {
        return lookupPort;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            ChildProcesses.run(List.of("postfix", "-c", config.toString(), "stop"),
                config.resolveSibling("postfix.log"), COMMAND_TIMEOUT);
        } catch (IOException e) {
            System.err.println("postfix stop failed: " + e.getMessage());
        }
        ChildProcesses.stop(master);
        try {
            deleteTree(queue);
        } catch (IOException e) {
            System.err.println("could not remove " + queue + ": " + e.getMessage());
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
