package org.imsajames.bench.comparison;

import java.nio.file.Path;
import java.nio.file.Paths;

/** What every server of the comparison shares: where James and our jar are, the CPUs, the heap, the TLS keys. */
final class BenchEnvironment {
    final Path extensionJar;
    final Path jamesClassPathFile;
    final String serverCpus;
    final String jamesHeap;
    final TlsMaterial tls;
    /** The ECDSA P-256 key and certificate, served on a second port by every server; null: RSA only. */
    final TlsMaterial ecTls;

    BenchEnvironment(Path extensionJar, Path jamesClassPathFile, String serverCpus, String jamesHeap, TlsMaterial tls) {
        this(extensionJar, jamesClassPathFile, serverCpus, jamesHeap, tls, null);
    }

    BenchEnvironment(Path extensionJar, Path jamesClassPathFile, String serverCpus, String jamesHeap, TlsMaterial tls,
        TlsMaterial ecTls) {
        this.ecTls = ecTls;
        this.extensionJar = extensionJar;
        this.jamesClassPathFile = jamesClassPathFile;
        this.serverCpus = serverCpus;
        this.jamesHeap = jamesHeap;
        this.tls = tls;
    }

    String javaBinary() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }
}
