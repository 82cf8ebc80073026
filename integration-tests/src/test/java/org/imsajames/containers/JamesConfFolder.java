package org.imsajames.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.imsajames.james.FreePorts;
import org.imsajames.james.SmtpServerXml;

/**
 * A James conf/ folder for one test. James shares the host's ports (host networking), so JMX gets a
 * free loopback port and every server the memory app or the official image's sample conf would
 * start (IMAP, POP3, LMTP, ManageSieve, JMAP, WebAdmin) is switched off, unless a test asks for it.
 * Copied over the image's /root/conf, these files replace the image's defaults.
 *
 * <p>For generated conf (the config generator), create the folder here, let the generator write
 * smtpserver.xml into {@link #dir()} on a port from {@link FreePorts}.
 */
public final class JamesConfFolder {

    private final Path dir;
    private final int jmxPort;
    private int smtpPort;
    private int webAdminPort;

    private JamesConfFolder(Path dir, int jmxPort) {
        this.dir = dir;
        this.jmxPort = jmxPort;
    }

    /** A new folder under target/james-conf/, every server off, JMX on a free loopback port. */
    public static JamesConfFolder create(String name) {
        try {
            Path parent = Files.createDirectories(Path.of(System.getProperty("basedir", "."), "target", "james-conf"));
            JamesConfFolder conf = new JamesConfFolder(Files.createTempDirectory(parent, name + "-"), FreePorts.next());
            conf.withFile("jmx.properties", "jmx.enabled=true\njmx.address=127.0.0.1\njmx.port=" + conf.jmxPort + "\n");
            conf.withFile("imapserver.xml", "<imapservers><imapserver enabled=\"false\"/></imapservers>\n");
            conf.withFile("pop3server.xml", "<pop3servers><pop3server enabled=\"false\"/></pop3servers>\n");
            conf.withFile("lmtpserver.xml", "<lmtpservers><lmtpserver enabled=\"false\"/></lmtpservers>\n");
            conf.withFile("managesieveserver.xml",
                    "<managesieveservers><managesieveserver enabled=\"false\"/></managesieveservers>\n");
            conf.withFile("jmap.properties", "enabled=false\n");
            conf.withFile("webadmin.properties", "enabled=false\n");
            return conf;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a James conf folder", e);
        }
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

    public int webAdminPort() {
        if (webAdminPort == 0) {
            throw new IllegalStateException("WebAdmin is off in " + dir + ": call withWebAdmin first");
        }
        return webAdminPort;
    }
}
