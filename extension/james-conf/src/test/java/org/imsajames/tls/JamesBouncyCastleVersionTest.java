package org.imsajames.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

/**
 * This module's TLS checks run inside James on the BouncyCastle James ships (nothing of it is bundled), so they
 * are compiled and tested against exactly the jars on James 3.8.1's runtime class path. Bumping the version
 * in the pom without James shipping it fails here.
 */
class JamesBouncyCastleVersionTest {
    @Test
    void theBouncyCastleJarsWeCompileAgainstAreTheOnesOnJamesRuntimeClassPath() throws Exception {
        List<String> james = jamesJarNames();
        // bcpkix, bcprov, bcutil
        for (Class<?> fromEachJar : List.of(X509CertificateHolder.class, BouncyCastleProvider.class, PKIBody.class)) {
            String ours = jarName(fromEachJar);
            assertThat(ours).as("the jar of " + fromEachJar.getName()).startsWith("bc");
            assertThat(james).as("James 3.8.1's runtime class path").contains(ours);
        }
    }

    private static List<String> jamesJarNames() throws IOException {
        String file = System.getProperty("james.classpath.file");
        assertThat(file).as("system property james.classpath.file").isNotNull();
        Path path = Paths.get(file);
        assertThat(path).as("built by integration-tests/james-runtime").exists();
        return Arrays.stream(Files.readString(path).trim().split(java.io.File.pathSeparator))
            .map(entry -> Paths.get(entry).getFileName().toString())
            .collect(Collectors.toList());
    }

    private static String jarName(Class<?> type) throws URISyntaxException {
        return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName().toString();
    }
}
