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
    private final WebAdminSettings webAdmin;

    public ImsaSettings(Path file, SmtpInterfaceSettings smtpInterface, ConnectionControlSettings connectionControl,
                        List<Located<String>> permittedRelaySenders, IncomingTlsSettings incomingTls,
                        OutgoingTlsSettings outgoingTls) {
        this(file, smtpInterface, connectionControl, permittedRelaySenders, incomingTls, outgoingTls, null);
    }

    /** @param webAdmin null without a webAdmin: section (webadmin.properties is then left as it is) */
    public ImsaSettings(Path file, SmtpInterfaceSettings smtpInterface, ConnectionControlSettings connectionControl,
                        List<Located<String>> permittedRelaySenders, IncomingTlsSettings incomingTls,
                        OutgoingTlsSettings outgoingTls, WebAdminSettings webAdmin) {
        this.webAdmin = webAdmin;
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

    /** The Connections screen (webadmin.properties), when the settings have a webAdmin: section. */
    public java.util.Optional<WebAdminSettings> webAdmin() {
        return java.util.Optional.ofNullable(webAdmin);
    }
}
