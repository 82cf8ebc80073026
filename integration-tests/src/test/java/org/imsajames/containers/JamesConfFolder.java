package org.imsajames.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.imsajames.testkit.FreePorts;
import org.imsajames.testkit.SmtpServerXml;

/**
 * A James conf/ folder for one test. James shares the host's ports (host networking), so JMX gets a
 * free loopback port and every server the memory app or the official image's sample conf would
 * start (IMAP, POP3, LMTP, ManageSieve, JMAP, WebAdmin) is switched off, unless a test asks for it.
 * Copied over the image's /root/conf, these files replace the image's defaults; the image's other
 * files stay.
 *
 * <p>For generated conf, {@link #generatedFrom} runs the config generator into this folder.
 */
public final class JamesConfFolder {

    private final Path dir;
    private int jmxPort;
    private int smtpPort;
    private int webAdminPort;

    private JamesConfFolder(Path dir) {
        this.dir = dir;
    }

    /** A new folder under target/james-conf/, every server off, JMX on a free loopback port. */
    public static JamesConfFolder create(String name) {
        return overImageDefaults(name)
                .withJmxOnFreePort()
                .withFile("imapserver.xml", "<imapservers><imapserver enabled=\"false\"/></imapservers>\n")
                .withFile("pop3server.xml", "<pop3servers><pop3server enabled=\"false\"/></pop3servers>\n")
                .withFile("lmtpserver.xml", "<lmtpservers><lmtpserver enabled=\"false\"/></lmtpservers>\n")
                .withFile("managesieveserver.xml",
                        "<managesieveservers><managesieveserver enabled=\"false\"/></managesieveservers>\n")
                .withFile("jmap.properties", "enabled=false\n")
                .withFile("webadmin.properties", "enabled=false\n");
    }

    /** A new, empty folder under target/james-conf/: the image's own conf applies to everything not added here. */
    public static JamesConfFolder overImageDefaults(String name) {
        try {
            Path parent = Files.createDirectories(Path.of(System.getProperty("basedir", "."), "target", "james-conf"));
            return new JamesConfFolder(Files.createTempDirectory(parent, name + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a James conf folder", e);
        }
    }

    /** jmx.properties: JMX on, as James's default, but on a free loopback port instead of the fixed 9999. */
    public JamesConfFolder withJmxOnFreePort() {
        jmxPort = FreePorts.next();
        return withFile("jmx.properties", "jmx.enabled=true\njmx.address=127.0.0.1\njmx.port=" + jmxPort + "\n");
    }

    /**
     * The config generator's output ({@code bin/imsa-james generate}): smtpserver.xml, mailetcontainer.xml,
     * the connection-control list and, with incoming TLS, the keystore. Its SMTP server is this folder's.
     */
    JamesConfFolder generatedFrom(ImsaSettingsFile settings) {
        ConfGeneratorCli.generate(settings, dir);
        smtpPort = settings.port();
        return this;
    }

    /**
     * smtpserver.xml: one plain SMTP server on 127.0.0.1 and a free port, with {@code handlersXml}
     * ({@code <handler>} elements, may be empty) before James's own handlers.
     */
    public JamesConfFolder withSmtpServer(String handlersXml) {
        return withSmtpServer(SmtpServerXml.noTls(), handlersXml);
    }

    /** As {@link #withSmtpServer(String)}, with a {@code <tls>} element (see {@link SmtpServerXml#startTls}). */
    public JamesConfFolder withSmtpServer(String tlsXml, String handlersXml) {
        smtpPort = FreePorts.next();
        return withFile("smtpserver.xml", SmtpServerXml.of(smtpPort, tlsXml, handlersXml));
    }

    /** webadmin.properties: WebAdmin on 127.0.0.1 and a free port (tests use it to add users, read mailboxes). */
    public JamesConfFolder withWebAdmin() {
        webAdminPort = FreePorts.next();
        return withFile("webadmin.properties", "enabled=true\nhost=127.0.0.1\nport=" + webAdminPort + "\n");
    }

    /** Any other conf file (a list file, a keystore's XML, ...), replacing one of the same name. */
    public JamesConfFolder withFile(String name, String content) {
        try {
            Files.writeString(dir.resolve(name), content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + dir.resolve(name), e);
        }
    }

    public Path dir() {
        return dir;
    }

    public int smtpPort() {
        if (smtpPort == 0) {
            throw new IllegalStateException("No SMTP server in " + dir + ": call withSmtpServer first");
        }
        return smtpPort;
    }

    /** An smtpserver.xml made by the test, whose first server listens on {@code port}. */
    public JamesConfFolder withSmtpServerXml(String content, int port) {
        smtpPort = port;
        return withFile("smtpserver.xml", content);
    }

    public int jmxPort() {
        if (jmxPort == 0) {
            throw new IllegalStateException("JMX is the image's default in " + dir + ": call withJmxOnFreePort first");
        }
        return jmxPort;
    }

    public int webAdminPort() {
        if (webAdminPort == 0) {
            throw new IllegalStateException("WebAdmin is off in " + dir + ": call withWebAdmin first");
        }
        return webAdminPort;
    }
}
