package org.imsajames.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** conf/ files, other than smtpserver.xml, that several James set-ups share. */
public final class JamesConfFiles {
    private JamesConfFiles() {
    }

    /** conf/mailetcontainer.xml that accepts every mail and drops it (the Null mailet), so nothing leaves the machine. */
    public static void writeDiscardingMailetContainer(Path home) throws IOException {
        write(home, "mailetcontainer.xml", JamesServerProcess.resource("discarding-mailetcontainer.xml"));
    }

    /** conf/domainlist.xml with localhost as its only domain and no auto-detection (which would ask DNS). */
    public static void writeLocalDomainList(Path home) throws IOException {
        write(home, "domainlist.xml", JamesServerProcess.resource("domainlist.xml"));
    }

    /** conf/logback.xml copied from a class path resource of the caller, e.g. "/operator-logback.xml". */
    public static void writeLogback(Path home, Class<?> owner, String resource) throws IOException {
        try (var in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " missing");
            }
            write(home, "logback.xml", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static void write(Path home, String name, String content) throws IOException {
        Files.writeString(Files.createDirectories(home.resolve("conf")).resolve(name), content);
    }
}
