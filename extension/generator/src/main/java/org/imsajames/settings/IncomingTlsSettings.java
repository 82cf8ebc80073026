package org.imsajames.settings;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** IMSA's incoming "Transport Layer Security" box. Paths are absolute; key and certificate are set when enabled. */
public final class IncomingTlsSettings {
    private final boolean enabled;
    private final boolean tlsOnly;
    private final Located<Path> privateKey;
    private final Secret privateKeyPassword;
    private final Located<Path> serverCertificate;
    private final Located<Path> caCertificate;
    private final List<String> protocols;
    private final List<String> cipherSuites;
    private final IncomingTlsEngineSetting engine;

    public IncomingTlsSettings(boolean enabled, boolean tlsOnly, Located<Path> privateKey, Secret privateKeyPassword,
                               Located<Path> serverCertificate, Located<Path> caCertificate, List<String> protocols,
                               List<String> cipherSuites) {
        this(enabled, tlsOnly, privateKey, privateKeyPassword, serverCertificate, caCertificate, protocols, cipherSuites,
            IncomingTlsEngineSetting.NATIVE);
    }

    public IncomingTlsSettings(boolean enabled, boolean tlsOnly, Located<Path> privateKey, Secret privateKeyPassword,
                               Located<Path> serverCertificate, Located<Path> caCertificate, List<String> protocols,
                               List<String> cipherSuites, IncomingTlsEngineSetting engine) {
        this.engine = engine;
        this.enabled = enabled;
        this.tlsOnly = tlsOnly;
        this.privateKey = privateKey;
        this.privateKeyPassword = privateKeyPassword;
        this.serverCertificate = serverCertificate;
        this.caCertificate = caCertificate;
        this.protocols = List.copyOf(protocols);
        this.cipherSuites = List.copyOf(cipherSuites);
    }

    /** STARTTLS is offered. */
    public boolean enabled() {
        return enabled;
    }

    /** Only accept SMTP by TLS: nothing but EHLO/HELO/STARTTLS/NOOP/RSET/QUIT/HELP before STARTTLS. */
    public boolean tlsOnly() {
        return tlsOnly;
    }

    public Optional<Located<Path>> privateKey() {
        return Optional.ofNullable(privateKey);
    }

    public Optional<Secret> privateKeyPassword() {
        return Optional.ofNullable(privateKeyPassword);
    }

    public Optional<Located<Path>> serverCertificate() {
        return Optional.ofNullable(serverCertificate);
    }

    public Optional<Located<Path>> caCertificate() {
        return Optional.ofNullable(caCertificate);
    }

    public List<String> protocols() {
        return protocols;
    }

    /** The suites James may negotiate, in order of preference: {@link CipherSuites#DEFAULT} unless the admin chose. */
    public List<String> cipherSuites() {
        return cipherSuites;
    }

    /** The crypto under incoming TLS; {@code native} unless the admin chose {@code jdk}. */
    public IncomingTlsEngineSetting engine() {
        return engine;
    }
}
