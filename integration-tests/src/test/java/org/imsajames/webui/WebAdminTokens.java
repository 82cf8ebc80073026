package org.imsajames.webui;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/**
 * A key pair of the test's own for James's WebAdmin JWT authentication: the public key goes into James's conf as
 * PEM, the tests sign RS256 tokens with the private key (with the JDK alone, so the test class path needs no JWT
 * library), with the claim {@code admin: true} that James's JwtFilter requires.
 */
final class WebAdminTokens {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair keys;

    private WebAdminTokens(KeyPair keys) {
        this.keys = keys;
    }

    static WebAdminTokens generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return new WebAdminTokens(generator.generateKeyPair());
    }

    /** Writes the public key as a PEM file, the form James's {@code jwt.publickeypem.url} reads. */
    void writePublicKey(Path file) throws IOException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(UTF_8)).encodeToString(keys.getPublic().getEncoded());
        Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n");
    }

    /** A token of an administrator named SUBJECT, valid for an hour. */
    String admin(String subject) throws GeneralSecurityException {
        return sign("{\"sub\":\"" + subject + "\",\"admin\":true,\"exp\":" + Instant.now().plusSeconds(3600).getEpochSecond() + "}");
    }

    /** A well-signed token without the admin claim: James must refuse it. */
    String nonAdmin(String subject) throws GeneralSecurityException {
        return sign("{\"sub\":\"" + subject + "\",\"exp\":" + Instant.now().plusSeconds(3600).getEpochSecond() + "}");
    }

    private String sign(String claims) throws GeneralSecurityException {
        String signed = URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(UTF_8)) + "."
            + URL.encodeToString(claims.getBytes(UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(keys.getPrivate());
        signature.update(signed.getBytes(UTF_8));
        return signed + "." + URL.encodeToString(signature.sign());
    }
}
