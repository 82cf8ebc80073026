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

    private JamesInstance(String name, Process process, Path home, int port) {
        this.name = name;
        this.process = process;
        this.home = home;
        this.port = port;
    }

    /** What differs between the James instances compared. */
    static final class Setup {
        final String handlers;
        final List<Path> confFiles;
        final List<String> systemProperties;

        /**
         * @param handlers   {@code <handler>} elements put before James's core handlers ("" for stock James)
         * @param confFiles  files copied into conf/ (list files)
         * @param systemProperties extra -D options
         */
        Setup(String handlers, List<Path> confFiles, List<String> systemProperties) {
            this.handlers = handlers;
            this.confFiles = confFiles;
            this.systemProperties = systemProperties;
        }
    }

    static JamesInstance start(String name, Path home, int port, Setup setup, BenchEnvironment environment)
        throws IOException, InterruptedException {
        Path conf = Files.createDirectories(home.resolve("conf"));
        Path extensions = Files.createDirectories(home.resolve("extensions-jars"));
        if (!setup.handlers.isEmpty()) {
            Files.copy(environment.extensionJar, extensions.resolve(environment.extensionJar.getFileName()),
                StandardCopyOption.REPLACE_EXISTING);
        }
        for (Path file : setup.confFiles) {
            Files.copy(file, conf.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.copy(environment.tls.keystore, conf.resolve("keystore.p12"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(conf.resolve("smtpserver.xml"), smtpServerXml(port, environment.tls.secret, setup.handlers));
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
            "-Dworking.directory=" + home, "-Djdk.net.hosts.file=" + hosts));
        java.addAll(setup.systemProperties);
        java.addAll(List.of("-cp", environment.jamesClassPath(), "org.apache.james.MemoryJamesServerMain"));
        Path log = home.resolve("james.log");
        Process process = new ProcessBuilder(ChildProcesses.pinned(environment.serverCpus, java))
            .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        JamesInstance james = new JamesInstance(name, process, home, port);
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
        return "<?xml version=\"1.0\"?>\n"
            + "<smtpservers>\n"
            + "  <smtpserver enabled=\"true\">\n"
            + "    <jmxName>smtpserver</jmxName>\n"
            + "    <bind>127.0.0.1:" + port + "</bind>\n"
            + "    <connectionBacklog>1024</connectionBacklog>\n"
            + "    <tls socketTLS=\"false\" startTLS=\"true\">\n"
            + "      <keystore>file://conf/keystore.p12</keystore>\n"
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
            + "  </smtpserver>\n"
            + "</smtpservers>\n";
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
