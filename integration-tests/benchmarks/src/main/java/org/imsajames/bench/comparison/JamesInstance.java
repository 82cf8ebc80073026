package org.imsajames.bench.comparison;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

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

    private JamesInstance(String name, JamesServerProcess james, int port) {
        this.name = name;
        this.james = james;
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
        for (Path file : setup.confFiles) {
            Files.copy(file, conf.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.copy(environment.tls.keystore, conf.resolve("keystore.p12"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(conf.resolve("smtpserver.xml"), smtpServerXml(port, environment.tls.secret, setup.handlers));
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
                .start();
            return new JamesInstance(name, james, port);
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
