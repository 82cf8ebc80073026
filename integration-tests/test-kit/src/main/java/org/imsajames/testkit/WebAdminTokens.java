package org.imsajames.testkit;

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
 * A key pair made by the test and RS256 tokens signed with it, as an identity provider would issue them for James's
 * WebAdmin ({@code jwt.publickeypem.url} names the public half; James checks the signature, {@code sub} and the claim
 * {@code admin}). Signed with the JDK alone, so nothing but James's own jjwt is involved.
 */
public final class WebAdminTokens {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair keys;

    private WebAdminTokens(KeyPair keys) {
        this.keys = keys;
    }

    public static WebAdminTokens generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return new WebAdminTokens(generator.generateKeyPair());
    }

    /** An admin token signed by a key James does not know: James must refuse it. */
    public static String foreign(String subject) throws GeneralSecurityException {
        return generate().admin(subject);
    }

    /** The public key as PEM ("PUBLIC KEY"), the form jwt.publickeypem.url reads. */
    public void writePublicKey(Path file) throws IOException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(UTF_8)).encodeToString(keys.getPublic().getEncoded());
        Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n");
    }

    public String admin(String subject) throws GeneralSecurityException {
        return sign("{\"sub\":\"" + subject + "\",\"admin\":true,\"exp\":" + expiry() + "}");
    }

    /** A valid token whose claim admin is false. */
    public String notAdmin(String subject) throws GeneralSecurityException {
        return sign("{\"sub\":\"" + subject + "\",\"admin\":false,\"exp\":" + expiry() + "}");
    }

    /** A valid token without the claim admin. */
    public String nonAdmin(String subject) throws GeneralSecurityException {
        return sign("{\"sub\":\"" + subject + "\",\"exp\":" + expiry() + "}");
    }

    private static long expiry() {
        return Instant.now().plusSeconds(3600).getEpochSecond();
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
