package org.imsajames.settings;

import java.nio.file.Path;
import java.util.List;

/** Everything the IMSA screens hold, read from one settings file. */
public final class ImsaSettings {
    private final Path file;
    private final SmtpInterfaceSettings smtpInterface;
    private final ConnectionControlSettings connectionControl;
    private final List<Located<String>> permittedRelaySenders;
    private final IncomingTlsSettings incomingTls;
    private final OutgoingTlsSettings outgoingTls;

    public ImsaSettings(Path file, SmtpInterfaceSettings smtpInterface, ConnectionControlSettings connectionControl,
                        List<Located<String>> permittedRelaySenders, IncomingTlsSettings incomingTls,
                        OutgoingTlsSettings outgoingTls) {
        this.file = file;
        this.smtpInterface = smtpInterface;
        this.connectionControl = connectionControl;
        this.permittedRelaySenders = List.copyOf(permittedRelaySenders);
        this.incomingTls = incomingTls;
        this.outgoingTls = outgoingTls;
    }

    public Path file() {
        return file;
    }

    public SmtpInterfaceSettings smtpInterface() {
        return smtpInterface;
    }

    public ConnectionControlSettings connectionControl() {
        return connectionControl;
    }

    /** "Permitted senders of relayed mail", as written (IMSA entry syntax). */
    public List<Located<String>> permittedRelaySenders() {
        return permittedRelaySenders;
    }

    public IncomingTlsSettings incomingTls() {
        return incomingTls;
    }

    public OutgoingTlsSettings outgoingTls() {
        return outgoingTls;
    }
}
