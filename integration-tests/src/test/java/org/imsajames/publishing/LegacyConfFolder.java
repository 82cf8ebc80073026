package org.imsajames.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A conf folder as the versions before generations left it: regular smtpserver.xml and mailetcontainer.xml, no
 * jvm.properties, and the list and keystore beside them as imsa-connection-control.list and imsa-keystore.p12.
 * Made from a generated folder, so James could start on it; its mailetcontainer.xml carries a marker comment so
 * that it can be told from a newly generated one.
 */
final class LegacyConfFolder {
    private static final Pattern FILE_URL = Pattern.compile("<(keystore|listFile)>file://conf/([^<]+)</\\1>");
    static final String MARKER = "<!-- as an imsa-james before generations wrote it -->";

    private final String smtpServer;
    private final String mailetContainer;
    private final byte[] keystore;
    private final byte[] list;

    private LegacyConfFolder(Path generated) throws IOException {
        smtpServer = Files.readString(generated.resolve("smtpserver.xml"))
                .replace("file://conf/imsa/current/keystore.p12", "file://conf/imsa-keystore.p12")
                .replace("file://conf/imsa/current/connection-control.list",
                        "file://conf/imsa-connection-control.list");
        mailetContainer = Files.readString(generated.resolve("mailetcontainer.xml")) + MARKER + "\n";
        keystore = Files.readAllBytes(generated.resolve("imsa/current/keystore.p12"));
        list = Files.readAllBytes(generated.resolve("imsa/current/connection-control.list"));
    }

    /** From a conf folder generated the current way. */
    static LegacyConfFolder from(Path generatedConf) throws IOException {
        return new LegacyConfFolder(generatedConf);
    }

    void writeInto(Path conf) throws IOException {
        Files.createDirectories(conf);
        Files.writeString(conf.resolve("smtpserver.xml"), smtpServer);
        Files.writeString(conf.resolve("mailetcontainer.xml"), mailetContainer);
        Files.write(conf.resolve("imsa-keystore.p12"), keystore);
        Files.write(conf.resolve("imsa-connection-control.list"), list);
    }

    /** What James reads through this folder's names when it holds nothing else. */
    Map<String, String> jamesView() {
        Map<String, String> view = new LinkedHashMap<>();
        view.put("smtpserver.xml", smtpServer);
        view.put("mailetcontainer.xml", mailetContainer);
        view.put("jvm.properties", "(none)");
        view.put("extensions.properties", "(none)");
        view.put("keystore imsa-keystore.p12", Base64.getEncoder().encodeToString(keystore));
        view.put("listFile imsa-connection-control.list", new String(list, StandardCharsets.UTF_8));
        return view;
    }

    /**
     * Every file James reads from conf/: its four names (following symlinks) and the keystore and list that
     * smtpserver.xml names. A jvm.properties or extensions.properties that sets nothing counts as none (James
     * reads both alike).
     */
    static Map<String, String> jamesView(Path conf) throws IOException {
        Map<String, String> view = new LinkedHashMap<>();
        String smtp = readOrNone(conf.resolve("smtpserver.xml"));
        view.put("smtpserver.xml", smtp);
        view.put("mailetcontainer.xml", readOrNone(conf.resolve("mailetcontainer.xml")));
        view.put("jvm.properties", noneIfItSetsNothing(readOrNone(conf.resolve("jvm.properties"))));
        view.put("extensions.properties", noneIfItSetsNothing(readOrNone(conf.resolve("extensions.properties"))));
        Matcher url = FILE_URL.matcher(smtp);
        while (url.find()) {
            Path file = conf.resolve(url.group(2));
            String name = url.group(1) + " " + url.group(2);
            if (!Files.isRegularFile(file)) {
                view.put(name, "(none)");
            } else if (url.group(1).equals("keystore")) {
                view.put(name, Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
            } else {
                view.put(name, Files.readString(file));
            }
        }
        return view;
    }

    /**
     * "old" when James's view is exactly this folder as it was, else "new" after checking that it is exactly the
     * new generation b: smtpserver.xml, keystore and list of b (TwoGenerations), the mailetcontainer.xml,
     * jvm.properties and extensions.properties of the generation current points to.
     */
    String oldOrNew(Path conf, TwoGenerations settings) throws Exception {
        Map<String, String> view = jamesView(conf);
        if (view.equals(jamesView())) {
            return "old";
        }
        assertThat(Files.isSymbolicLink(conf.resolve("smtpserver.xml")))
                .as("not the old folder, so smtpserver.xml must be the new generation's; James's view: %s", view.keySet())
                .isTrue();
        assertThat(settings.wholeGenerationIn(conf)).as("James's view %s", view.keySet()).isEqualTo("b");
        assertThat(view.get("mailetcontainer.xml")).doesNotContain(MARKER)
                .isEqualTo(Files.readString(conf.resolve("imsa/current/mailetcontainer.xml")));
        assertThat(view.get("jvm.properties")).isEqualTo(Files.readString(conf.resolve("imsa/current/jvm.properties")));
        assertThat(view.get("extensions.properties")).as("the new generation's, with our module")
                .isEqualTo(Files.readString(conf.resolve("imsa/current/extensions.properties")))
                .contains("guice.extension.module=org.imsajames.tlsengine.NativeTlsModule");
        return "new";
    }

    private static String noneIfItSetsNothing(String properties) {
        boolean setsNothing = properties.lines().allMatch(line -> line.isBlank() || line.startsWith("#"));
        return setsNothing ? "(none)" : properties;
    }

    private static String readOrNone(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file) : "(none)";
    }
}
