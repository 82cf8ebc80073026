package org.imsajames.bench.comparison;

import java.nio.file.Path;
import java.nio.file.Paths;

/** What every server of the comparison shares: where James and our jar are, the CPUs, the heap, the TLS key. */
final class BenchEnvironment {
    final Path extensionJar;
    final Path jamesClassPathFile;
    final String serverCpus;
    final String jamesHeap;
    final TlsMaterial tls;

    BenchEnvironment(Path extensionJar, Path jamesClassPathFile, String serverCpus, String jamesHeap, TlsMaterial tls) {
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
