package org.imsajames.generator;

import java.nio.charset.StandardCharsets;

/** tls-only.properties: IMSA "Only accept SMTP connection by TLS", one line TlsOnlyHandler watches. */
final class TlsOnlyFile {
    private TlsOnlyFile() {
    }

    static byte[] render(boolean tlsOnly) {
        return ("# Written by imsa-james: IMSA \"Only accept SMTP connection by TLS\", watched by TlsOnlyHandler.\n"
                + "tlsOnly=" + tlsOnly + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
