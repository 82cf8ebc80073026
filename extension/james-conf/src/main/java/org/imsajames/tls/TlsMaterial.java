package org.imsajames.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A checked private key with the certificate chain it serves, and what the operator should be told about it. */
public final class TlsMaterial {

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final List<String> warnings;

    TlsMaterial(PrivateKey privateKey, List<X509Certificate> chain, List<String> warnings) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a TLS certificate chain needs at least the server certificate");
        }
        this.privateKey = privateKey;
        this.chain = Collections.unmodifiableList(new ArrayList<>(chain));
        this.warnings = Collections.unmodifiableList(new ArrayList<>(warnings));
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** Server certificate first, then the intermediates from its file, then the CA certificate(s) if given. */
    public List<X509Certificate> chain() {
        return chain;
    }

    public X509Certificate serverCertificate() {
        return chain.get(0);
    }

    public List<String> warnings() {
        return warnings;
    }

    /** Describes the material without any of the key. */
    @Override
    public String toString() {
        return "TlsMaterial{key=" + privateKey.getAlgorithm()
                + ", server=" + serverCertificate().getSubjectX500Principal().getName()
                + ", chainLength=" + chain.size()
                + ", warnings=" + warnings.size() + "}";
    }
}
