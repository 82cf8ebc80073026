package org.imsajames.bench.comparison;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A James 3.8.1 memory server in a child JVM, set up as an operator would: conf/ written here, the drop-in jar in
 * extensions-jars/ when our handlers are used. Every instance gets the same JVM options, TLS setup, mail pipeline
 * (mail is accepted and dropped by the Null mailet, as Postfix's discard transport does) and logging (INFO, to a file).
 */
final class JamesInstance implements AutoCloseable {
    private static final String STARTED = "JAMES server started";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final String name;
    private final Process process;
    private final Path home;
    private final int port;
    private final int ecPort;

    private JamesInstance(String name, Process process, Path home, int port, int ecPort) {
        this.name = name;
        this.process = process;
        this.home = home;
        this.port = port;
        this.ecPort = ecPort;
    }

    /** What differs between the James instances compared. */
    static final class Setup {
        final String handlers;
        final List<Path> confFiles;
        final List<String> systemProperties;
        final List<Path> extraJars;
        final String extensionsProperties;
        final boolean hostsFile;

        /**
         * @param handlers   {@code <handler>} elements put before James's core handlers ("" for stock James)
         * @param confFiles  files copied into conf/ (list files)
         * @param systemProperties extra -D options
         */
        Setup(String handlers, List<Path> confFiles, List<String> systemProperties) {
            this(handlers, confFiles, systemProperties, List.of(), null, true);
        }

        /**
         * @param extraJars  more jars for extensions-jars/ (a native provider)
         * @param extensionsProperties conf/extensions.properties, or null for none
         * @param hostsFile  answer James's name lookups from a hosts file (true), or let them reach the system
         *                   resolver (false: only inside the comparison's own network namespace)
         */
        Setup(String handlers, List<Path> confFiles, List<String> systemProperties, List<Path> extraJars,
            String extensionsProperties, boolean hostsFile) {
            this.handlers = handlers;
            this.confFiles = confFiles;
            this.systemProperties = systemProperties;
            this.extraJars = extraJars;
            this.extensionsProperties = extensionsProperties;
            this.hostsFile = hostsFile;
        }
    }

    /**
     * Two SMTP servers with the same handlers: {@code port} with the RSA certificate, {@code ecPort} with the ECDSA
     * one (when the environment has one).
     */
    static JamesInstance start(String name, Path home, int port, Setup setup, BenchEnvironment environment)
        throws IOException, InterruptedException {
        int ecPort = environment.ecTls == null ? -1 : FreePort.next();
        Path conf = Files.createDirectories(home.resolve("conf"));
        Path extensions = Files.createDirectories(home.resolve("extensions-jars"));
        if (!setup.handlers.isEmpty()) {
            Files.copy(environment.extensionJar, extensions.resolve(environment.extensionJar.getFileName()),
                StandardCopyOption.REPLACE_EXISTING);
        }
        for (Path jar : setup.extraJars) {
            Files.copy(jar, extensions.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        if (setup.extensionsProperties != null) {
            Files.writeString(conf.resolve("extensions.properties"), setup.extensionsProperties);
        }
        for (Path file : setup.confFiles) {
            Files.copy(file, conf.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.copy(environment.tls.keystore, conf.resolve("keystore.p12"), StandardCopyOption.REPLACE_EXISTING);
        String servers = smtpServer("smtpserver", port, "keystore.p12", environment.tls.secret, setup.handlers);
        if (environment.ecTls != null) {
            Files.copy(environment.ecTls.keystore, conf.resolve("keystore-ec.p12"), StandardCopyOption.REPLACE_EXISTING);
            servers += smtpServer("smtpserver-ec", ecPort, "keystore-ec.p12", environment.ecTls.secret, setup.handlers);
        }
        Files.writeString(conf.resolve("smtpserver.xml"), "<?xml version=\"1.0\"?>\n<smtpservers>\n" + servers
            + "</smtpservers>\n");
        Files.writeString(conf.resolve("mailetcontainer.xml"), resource("mailetcontainer.xml"));
        Files.writeString(conf.resolve("domainlist.xml"), resource("domainlist.xml"));
        Files.writeString(conf.resolve("logback.xml"), resource("logback.xml"));
        Files.writeString(conf.resolve("jmap.properties"), "enabled=false\n");
        Files.writeString(conf.resolve("jmx.properties"),
            "jmx.enabled=true\njmx.address=127.0.0.1\njmx.port=" + FreePort.next() + "\n");
        // James looks up every client's name before any handler runs (ProtocolMDCContextFactory); a hosts file
        // keeps that off the outside resolver, for stock James and ours alike.
        Path hosts = home.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 localhost\n127.0.1.1 " + InetAddress.getLocalHost().getHostName() + "\n");

        List<String> java = new ArrayList<>(List.of(environment.jamesJavaBinary(), "-Xmx" + environment.jamesHeap,
            "-Dworking.directory=" + home));
        if (setup.hostsFile) {
            java.add("-Djdk.net.hosts.file=" + hosts);
        }
        java.addAll(setup.systemProperties);
        java.addAll(List.of("-cp", environment.jamesClassPath(), "org.apache.james.MemoryJamesServerMain"));
        Path log = home.resolve("james.log");
        Process process = new ProcessBuilder(ChildProcesses.pinned(environment.serverCpus, java))
            .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        JamesInstance james = new JamesInstance(name, process, home, port, ecPort);
        james.awaitStarted(log);
        return james;
    }

    private void awaitStarted(Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log) && Files.readString(log, UTF_8).contains(STARTED)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IOException(
                    name + ": James exited with " + process.exitValue() + " before starting; see " + log);
            }
            Thread.sleep(250);
        }
        close();
        throw new IOException(name + ": James did not start within " + START_TIMEOUT + "; see " + log);
    }

    static String smtpServerXml(int port, String secret, String handlers) {
        return "<?xml version=\"1.0\"?>\n<smtpservers>\n"
            + smtpServer("smtpserver", port, "keystore.p12", secret, handlers) + "</smtpservers>\n";
    }

    private static String smtpServer(String jmxName, int port, String keystore, String secret, String handlers) {
        return "  <smtpserver enabled=\"true\">\n"
            + "    <jmxName>" + jmxName + "</jmxName>\n"
            + "    <bind>127.0.0.1:" + port + "</bind>\n"
            + "    <connectionBacklog>1024</connectionBacklog>\n"
            + "    <tls socketTLS=\"false\" startTLS=\"true\">\n"
            + "      <keystore>file://conf/" + keystore + "</keystore>\n"
            + "      <keystoreType>PKCS12</keystoreType>\n"
            + "      <secret>" + secret + "</secret>\n"
            + "      <supportedProtocols><protocol>TLSv1.3</protocol><protocol>TLSv1.2</protocol></supportedProtocols>\n"
            + "    </tls>\n"
            + "    <helloName autodetect=\"false\">bench.localdomain</helloName>\n"
            + "    <connectiontimeout>360</connectiontimeout>\n"
            + "    <connectionLimit>0</connectionLimit>\n"
            + "    <connectionLimitPerIP>0</connectionLimitPerIP>\n"
            + "    <authorizedAddresses>127.0.0.0/8</authorizedAddresses>\n"
            + "    <maxmessagesize>0</maxmessagesize>\n"
            + "    <handlerchain>\n"
            + handlers
            + "      <handler class=\"org.apache.james.smtpserver.CoreCmdHandlerLoader\"/>\n"
            + "    </handlerchain>\n"
            + "  </smtpserver>\n";
    }

    private static String resource(String name) throws IOException {
        try (var in = JamesInstance.class.getResourceAsStream("james/" + name)) {
            if (in == null) {
                throw new IllegalStateException("resource james/" + name + " missing from the benchmarks jar");
            }
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    /** The SMTP server with the ECDSA certificate (-1 without one). */
    int ecPort() {
        return ecPort;
    }

    /** The James log so far. */
    String log() throws IOException {
        return Files.readString(home.resolve("james.log"), UTF_8);
    }

    long pid() {
        return process.pid();
    }

    Path home() {
        return home;
    }

    @Override
    public void close() throws InterruptedException {
        ChildProcesses.stop(process);
    }
}
