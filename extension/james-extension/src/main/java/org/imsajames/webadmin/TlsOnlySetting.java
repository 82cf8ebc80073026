package org.imsajames.webadmin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * tls-only.properties of a generation, the one line TlsOnlyHandler watches: {@code tlsOnly=true} or
 * {@code tlsOnly=false}. Absent (a generation made before this file existed): what smtpserver.xml says, i.e. the
 * handler's presence.
 */
final class TlsOnlySetting {
    private TlsOnlySetting() {
    }

    static Optional<Boolean> read(Path generation) throws IOException {
        Path file = generation.resolve(ConnectionsFiles.TLS_ONLY);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String text = line.trim();
            if (text.equals("tlsOnly=true")) {
                return Optional.of(true);
            }
            if (text.equals("tlsOnly=false")) {
                return Optional.of(false);
            }
        }
        throw new IOException(ConnectionsFiles.TLS_ONLY + " says neither tlsOnly=true nor tlsOnly=false");
    }

    static byte[] render(boolean tlsOnly) {
        return ("# Written by imsa-james: IMSA \"Only accept SMTP connection by TLS\", watched by TlsOnlyHandler.\n"
            + "tlsOnly=" + tlsOnly + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
