package org.imsajames.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

/** What operators copy into extensions-jars/: loadable by the official image's Java 11, and nothing but our classes. */
class DropInJarTest {
    private static final int JAVA_11_CLASS_VERSION = 55;

    @Test
    void everyClassIsOursAndJava11Bytecode() throws IOException {
        List<String> foreign = new ArrayList<>();
        List<String> tooNew = new ArrayList<>();
        int classes = 0;
        try (JarFile jar = new JarFile(Paths.get(System.getProperty("imsa.extension.jar")).toFile())) {
            for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                classes++;
                if (!entry.getName().startsWith("org/imsajames/")) {
                    foreign.add(entry.getName());
                }
                if (majorVersion(jar, entry) > JAVA_11_CLASS_VERSION) {
                    tooNew.add(entry.getName());
                }
            }
        }
        assertThat(classes).isGreaterThan(10);
        assertThat(foreign).as("bundled classes James may already ship").isEmpty();
        assertThat(tooNew).as("classes the official image's Java 11 cannot load").isEmpty();
    }

    private static int majorVersion(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry); DataInputStream data = new DataInputStream(in)) {
            data.readInt(); // 0xCAFEBABE
            data.readUnsignedShort(); // minor
            return data.readUnsignedShort();
        }
    }
}
