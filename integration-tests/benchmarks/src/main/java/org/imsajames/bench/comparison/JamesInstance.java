package org.imsajames.bench.comparison;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.imsajames.testkit.FreePorts;
import org.imsajames.testkit.JamesConfFiles;
import org.imsajames.testkit.JamesServerProcess;
import org.imsajames.testkit.SmtpServerXml;

/**
 * One James of the comparison: the test kit's {@link JamesServerProcess} on a conf/ that is the same for every
 * instance (TLS setup, mail accepted and dropped by the Null mailet as Postfix's discard transport does, logging at
 * INFO to a file) but for what {@link Setup} says; the drop-in jar only when our handlers are used.
 */
final class JamesInstance implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final String name;
    private final JamesServerProcess james;
    private final int port;
    private final int ecPort;

    private JamesInstance(String name, JamesServerProcess james, int port, int ecPort) {
        this.name = name;
        this.james = james;
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

    static JamesInstance start(String name, Path home, int port, Setup setup, BenchEnvironment environment)
        throws IOException, InterruptedException {
        int ecPort = environment.ecTls == null ? -1 : FreePorts.next();
        Path conf = Files.createDirectories(home.resolve("conf"));
        Path extensions = Files.createDirectories(home.resolve("extensions-jars"));
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
        JamesConfFiles.writeDiscardingMailetContainer(home);
        JamesConfFiles.writeLocalDomainList(home);
        JamesConfFiles.writeLogback(home, JamesInstance.class, "james/logback.xml");
        try {
            JamesServerProcess james = JamesServerProcess.launcher(home)
                .extensionJar(setup.handlers.isEmpty() ? null : environment.extensionJar)
                .classPathFile(environment.jamesClassPathFile)
                .heap(environment.jamesHeap)
                .jvmOptions(setup.systemProperties)
                .commandPrefix(ChildProcesses.pinned(environment.serverCpus, List.of()))
                .startTimeout(START_TIMEOUT)
                .systemResolver(!setup.hostsFile)
                .start();
            return new JamesInstance(name, james, port, ecPort);
        } catch (IllegalStateException e) {
            throw new IOException(name + ": " + e.getMessage(), e);
        }
    }

    /** Same for every instance but the handlers: TLS 1.3/1.2 from conf/keystore.p12, a fixed hello name, no AUTH. */
    static String smtpServerXml(int port, String secret, String handlers) {
        return SmtpServerXml.builder(port)
            .connectionBacklog(1024)
            .tls(SmtpServerXml.startTls("keystore.p12", secret))
            .helloName("bench.localdomain")
            .withoutAuth()
            .handlers(handlers)
            .build();
    }

    /** One {@code <smtpserver>}: TLS 1.3/1.2 from conf/KEYSTORE, a fixed hello name, no AUTH, our handlers first. */
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

    /** The SMTP server with the ECDSA certificate (-1 without one). */
    int ecPort() {
        return ecPort;
    }

    /** The James log so far. */
    String log() throws IOException {
        return james.log();
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    long pid() {
        return james.pid();
    }

    Path home() {
        return james.home();
    }

    @Override
    public void close() throws InterruptedException {
        james.close();
    }
}
