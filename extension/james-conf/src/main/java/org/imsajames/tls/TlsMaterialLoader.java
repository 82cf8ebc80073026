package org.imsajames.tls;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns the files IMSA asks for (private key, server certificate, optional CA certificate) into checked
 * {@link TlsMaterial}, or refuses them with a message that names the file.
 */
public final class TlsMaterialLoader {

    private final PrivateKeyReader keyReader = new PrivateKeyReader();
    private final CertificateFileReader certificateReader = new CertificateFileReader();
    private final ValidityCheck validity;

    /** @param clock what "now" is for expiry checks */
    public TlsMaterialLoader(Clock clock) {
        this.validity = new ValidityCheck(Objects.requireNonNull(clock, "clock"));
    }

    /** password may be null (unencrypted key). caCertificate may be null. */
    public TlsMaterial load(Path privateKey, char[] password, Path serverCertificate, Path caCertificate)
            throws TlsMaterialException {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(serverCertificate, "serverCertificate");
        List<String> warnings = new ArrayList<>();
        PrivateKey key = keyReader.read(privateKey, password, warnings);

        String serverFile = TlsFile.name(serverCertificate);
        List<X509Certificate> serverFileCertificates = certificateReader.read(serverCertificate);
        X509Certificate server = serverFileCertificates.get(0);
        requireKeyMatches(TlsFile.name(privateKey), key, serverFile, serverFileCertificates);
        validity.checkServerCertificate(serverFile, server, warnings);

        // A set in insertion order: a certificate given twice (in both files, say) is sent once.
        Set<X509Certificate> chain = new LinkedHashSet<>();
        chain.add(server);
        addToChain(serverFile, serverFileCertificates.subList(1, serverFileCertificates.size()), chain, warnings);
        if (caCertificate != null) {
            addToChain(TlsFile.name(caCertificate), certificateReader.read(caCertificate), chain, warnings);
        }
        List<X509Certificate> ordered = new ArrayList<>(chain);
        warnings.addAll(ChainOrderCheck.warnings(ordered));
        return new TlsMaterial(key, ordered, warnings);
    }

    private void addToChain(String fileName, List<X509Certificate> certificates, Set<X509Certificate> chain,
            List<String> warnings) {
        for (X509Certificate certificate : certificates) {
            if (chain.add(certificate)) {
                validity.checkChainCertificate(fileName, certificate, warnings);
            }
        }
    }

    private static void requireKeyMatches(String keyFile, PrivateKey key, String serverFile,
            List<X509Certificate> certificates) throws TlsMaterialException {
        if (PublicKeyMatch.matches(key, certificates.get(0).getPublicKey())) {
            return;
        }
        for (int i = 1; i < certificates.size(); i++) {
            if (PublicKeyMatch.matches(key, certificates.get(i).getPublicKey())) {
                throw new TlsMaterialException(serverFile + ": " + keyFile + " belongs to certificate " + (i + 1)
                        + " of the file (" + certificates.get(i).getSubjectX500Principal().getName()
                        + "); the server certificate must come first");
            }
        }
        throw new TlsMaterialException(keyFile + " does not match the server certificate in " + serverFile
                + " (" + certificates.get(0).getSubjectX500Principal().getName() + ")");
    }
}
