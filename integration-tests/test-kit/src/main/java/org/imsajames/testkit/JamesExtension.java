package org.imsajames.testkit;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real James per test class, shared by its tests: before the first test a fresh HOME and a free SMTP port are
 * handed to the class's {@link Conf}, which writes conf/; James is started on it, and stopped (its HOME deleted)
 * after the last test. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final JamesExtension JAMES = JamesExtension.withConf((home, port) ->
 *     SmtpServerXml.writeInto(home, SmtpServerXml.of(port, SmtpServerXml.noTls(), HANDLERS)));
 * }</pre>
 *
 * Tests talk to {@link #port()}, read {@link #log()} and change files under {@link #home()}. Tests that need their
 * own James (a start that must fail, a restart) use {@link JamesServerProcess} directly.
 */
public final class JamesExtension implements BeforeAllCallback, AfterAllCallback {
    /** Writes James's conf/ (and anything else it needs) under HOME, for an SMTP server on PORT. */
    @FunctionalInterface
    public interface Conf {
        void write(Path home, int port) throws Exception;
    }

    private final Conf conf;
    private final List<String> jvmOptions = new ArrayList<>();
    private Path home;
    private int port;
    private JamesServerProcess james;

    private JamesExtension(Conf conf) {
        this.conf = conf;
    }

    public static JamesExtension withConf(Conf conf) {
        return new JamesExtension(conf);
    }

    /** More options for James's JVM. */
    public JamesExtension jvmOptions(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        home = Files.createTempDirectory("james-" + context.getRequiredTestClass().getSimpleName() + "-");
        port = FreePorts.next();
        conf.write(home, port);
        james = JamesServerProcess.launcher(home).jvmOptions(jvmOptions).start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (james != null) {
                james.close();
            }
        } finally {
            james = null;
            deleteRecursively(home);
        }
    }

    public int port() {
        return port;
    }

    public Path home() {
        return home;
    }

    /** HOME/conf. */
    public Path conf() {
        return home.resolve("conf");
    }

    public JamesServerProcess process() {
        if (james == null) {
            throw new IllegalStateException("James is not running: register the extension on a static field");
        }
        return james;
    }

    public String log() throws IOException {
        return process().log();
    }

    public String logFrom(long offset) throws IOException {
        return process().logFrom(offset);
    }

    public long pid() {
        return process().pid();
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
