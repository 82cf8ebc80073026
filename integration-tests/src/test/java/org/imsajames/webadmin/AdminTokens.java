package org.imsajames.webadmin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/**
 * A key pair made by the test and RS256 tokens signed with it, as an identity provider would issue them for James's
 * WebAdmin ({@code jwt.publickeypem.url} names the public half; James checks the signature, {@code sub} and the
 * claim {@code admin}).
 */
final class AdminTokens {
    private final KeyPair keys;

    AdminTokens() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        this.keys = generator.generateKeyPair();
    }

    void writePublicKey(Path file) throws Exception {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
        Files.writeString(file, pem);
    }

    String admin(String subject) throws Exception {
        return token("{\"sub\":\"" + subject + "\",\"admin\":true,\"exp\":" + (Instant.now().getEpochSecond() + 3600) + "}");
    }

    String notAdmin(String subject) throws Exception {
        return token("{\"sub\":\"" + subject + "\",\"admin\":false,\"exp\":" + (Instant.now().getEpochSecond() + 3600) + "}");
    }

    /** Signed by another key: James must refuse it. */
    static String foreign(String subject) throws Exception {
        return new AdminTokens().admin(subject);
    }

    private String token(String claims) throws Exception {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String signed = base64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
            + "." + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(keys.getPrivate());
        signature.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + base64.encodeToString(signature.sign());
    }
}
