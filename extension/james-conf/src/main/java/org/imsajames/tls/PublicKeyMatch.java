package org.imsajames.tls;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** Whether a private key is the one behind a certificate's public key (RSA and EC). */
final class PublicKeyMatch {

    private PublicKeyMatch() {
    }

    static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        if (privateKey instanceof RSAPrivateKey && publicKey instanceof RSAPublicKey) {
            return rsaMatches((RSAPrivateKey) privateKey, (RSAPublicKey) publicKey);
        }
        if (privateKey instanceof ECPrivateKey && publicKey instanceof ECPublicKey) {
            return ecMatches(privateKey, publicKey);
        }
        return false;
    }

    private static boolean rsaMatches(RSAPrivateKey privateKey, RSAPublicKey publicKey) {
        if (!privateKey.getModulus().equals(publicKey.getModulus())) {
            return false;
        }
        return !(privateKey instanceof RSAPrivateCrtKey)
                || ((RSAPrivateCrtKey) privateKey).getPublicExponent().equals(publicKey.getPublicExponent());
    }

    /** The public point is the private scalar times the curve's generator, on the same curve. */
    private static boolean ecMatches(PrivateKey privateKey, PublicKey publicKey) {
        try {
            ECPrivateKeyParameters secret =
                    (ECPrivateKeyParameters) PrivateKeyFactory.createKey(privateKey.getEncoded());
            ECPublicKeyParameters point =
                    (ECPublicKeyParameters) PublicKeyFactory.createKey(publicKey.getEncoded());
            return secret.getParameters().getCurve().equals(point.getParameters().getCurve())
                    && secret.getParameters().getG().equals(point.getParameters().getG())
                    && new FixedPointCombMultiplier()
                            .multiply(secret.getParameters().getG(), secret.getD())
                            .equals(point.getQ());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
