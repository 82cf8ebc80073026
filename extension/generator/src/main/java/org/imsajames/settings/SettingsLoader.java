package org.imsajames.settings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.imsajames.policy.PolicyMode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the IMSA-shaped settings file (conf-templates/imsa-settings.example.yaml) into {@link ImsaSettings}.
 * Strict: unknown keys, out-of-range numbers, missing referenced files and unset environment
 * variables are refused with "file:line: key.path ..." messages. Entries stay text here; the
 * policy model parses them.
 */
public final class SettingsLoader {
    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 50;
    public static final int DEFAULT_MAX_ENTRIES = 1_000_000;
    private static final List<String> SUPPORTED_PROTOCOLS = IncomingTlsDefaults.PROTOCOLS;
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final Pattern ENV_REFERENCE = Pattern.compile("env:(.*)");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Function<String, String> environment;

    public SettingsLoader() {
        this(System::getenv);
    }

    /** @param environment looks up environment variables for {@code env:NAME} secrets (a map's get in tests). */
    public SettingsLoader(Function<String, String> environment) {
        this.environment = environment;
    }

    public ImsaSettings load(Path file) throws SettingsException {
        String fileName = file.toString();
        YamlSection root = YamlSection.root(compose(file, fileName), fileName);
        root.allowOnly("smtpInterface", "connectionControl", "relay", "tls", "webAdmin");
        Path folder = file.toAbsolutePath().getParent();

        YamlSection relay = root.section("relay");
        relay.allowOnly("permittedSenders");
        YamlSection tls = root.section("tls");
        tls.allowOnly("incoming", "outgoing");

        return new ImsaSettings(file,
                smtpInterface(root.section("smtpInterface")),
                connectionControl(root.section("connectionControl"), folder),
                relay.textList("permittedSenders"),
                incomingTls(tls.section("incoming"), folder),
                outgoingTls(tls.section("outgoing")),
                root.has("webAdmin") ? webAdmin(root.section("webAdmin"), folder) : null);
    }

    private static WebAdminSettings webAdmin(YamlSection section, Path folder) throws SettingsException {
        section.allowOnly("enabled", "host", "port", "jwtPublicKey", "historyVersions");
        Optional<Located<String>> host = section.text("host");
        String address = "127.0.0.1";
        if (host.isPresent()) {
            String value = host.get().value();
            if (value.equals("all")) {
                address = "0.0.0.0";
            } else if (SmtpInterfaceRules.isIpv4Literal(value)) {
                address = value;
            } else if (!value.equals("loopback")) {
                throw new SettingsException(host.get().origin(), section.keyPath("host") + " "
                        + Printable.quote(value) + " is not loopback, all or an IPv4 address");
            }
        }
        Optional<Located<String>> key = section.text("jwtPublicKey");
        return new WebAdminSettings(section.flag("enabled", true), address,
                section.wholeNumber("port", WebAdminSettings.DEFAULT_PORT, 1, 65535),
                key.isPresent() ? existingFile(key.get(), folder, section.keyPath("jwtPublicKey")).value() : null,
                section.wholeNumber("historyVersions", WebAdminSettings.DEFAULT_HISTORY_VERSIONS, 2, 10_000));
    }

    private static Node compose(Path file, String fileName) throws SettingsException {
        // A settings file is a few KB, four levels deep, with no need for aliases: anything far beyond is refused
        // before it costs time or memory (long lists belong in importFiles).
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(10);
        options.setCodePointLimit(1024 * 1024);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Yaml(new SafeConstructor(options)).compose(reader);
        } catch (NoSuchFileException e) {
            throw new SettingsException(fileName, "settings file not found");
        } catch (MarkedYAMLException e) {
            // Only the problem and its line: the exception's own message quotes the line, which may hold a password.
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            throw new SettingsException(fileName + ":" + line, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new SettingsException(fileName, "not UTF-8 text");
            }
            // Limits and unacceptable characters: snakeyaml's first line says which, without quoting the file.
            String problem = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new SettingsException(fileName, "not valid YAML" + (problem.isEmpty() ? "" : ": " + problem));
        } catch (IOException e) {
            throw new SettingsException(fileName, "cannot read the settings file: " + e.getMessage());
        }
    }

    private static SmtpInterfaceSettings smtpInterface(YamlSection section) throws SettingsException {
        section.allowOnly("ipAddress", "port", "inactivityTimeoutMinutes", "maxConnections",
                "maxConnectionsPerIp", "maxMessageSizeKb", "reverseDnsLookup", "proxyRequired", "trustedProxies");
        boolean proxyRequired = section.flag("proxyRequired", false);
        List<Located<String>> trustedProxies = section.textList("trustedProxies");
        if (proxyRequired && trustedProxies.isEmpty()) {
            throw new SettingsException(section.origin(), section.keyPath("proxyRequired") + " is true but "
                    + section.keyPath("trustedProxies") + " is empty: a PROXY header is honoured only from a trusted"
                    + " proxy, so every client would be refused");
        }
        return new SmtpInterfaceSettings(
                bindAddress(section),
                section.smtpInterfaceNumber(SmtpInterfaceRules.PORT, 25),
                section.smtpInterfaceNumber(SmtpInterfaceRules.INACTIVITY_TIMEOUT_MINUTES, 5),
                section.smtpInterfaceNumber(SmtpInterfaceRules.MAX_CONNECTIONS, 0),
                // Postfix's smtpd_client_connection_count_limit: one client cannot hold every slot by default.
                // Behind a proxy every connection comes from the proxy's address, so a default there would cap
                // the proxy as a whole: none unless asked for (the limit belongs on the proxy).
                section.smtpInterfaceNumber(SmtpInterfaceRules.MAX_CONNECTIONS_PER_IP,
                        proxyRequired ? 0 : DEFAULT_MAX_CONNECTIONS_PER_IP),
                section.smtpInterfaceNumber(SmtpInterfaceRules.MAX_MESSAGE_SIZE_KB, 0),
                section.flag("reverseDnsLookup", false),
                proxyRequired,
                trustedProxies);
    }

    private static String bindAddress(YamlSection section) throws SettingsException {
        Optional<Located<String>> ipAddress = section.text(SmtpInterfaceRules.IP_ADDRESS);
        try {
            return SmtpInterfaceRules.bindAddress(ipAddress.map(Located::value).orElse(null));
        } catch (SettingRuleException e) {
            throw new SettingsException(ipAddress.get().origin(), e.getMessage());
        }
    }

    private static ConnectionControlSettings connectionControl(YamlSection section, Path folder)
            throws SettingsException {
        section.allowOnly("policy", "entries", "importFiles", "maxEntries");
        Optional<Located<String>> policy = section.text("policy");
        PolicyMode mode = PolicyMode.ACCEPT_ALL_EXCEPT;
        if (policy.isPresent()) {
            try {
                mode = PolicyMode.fromSetting(policy.get().value());
            } catch (IllegalArgumentException e) {
                throw new SettingsException(policy.get().origin(), section.keyPath("policy") + ": " + e.getMessage());
            }
        }
        List<Located<Path>> importFiles = new ArrayList<>();
        for (Located<String> name : section.textList("importFiles")) {
            importFiles.add(existingFile(name, folder, section.keyPath("importFiles")));
        }
        return new ConnectionControlSettings(mode, section.textList("entries"), importFiles,
                section.wholeNumber("maxEntries", DEFAULT_MAX_ENTRIES, 1, Integer.MAX_VALUE));
    }

    private IncomingTlsSettings incomingTls(YamlSection section, Path folder) throws SettingsException {
        section.allowOnly("enabled", "tlsOnly", "privateKey", "privateKeyPassword", "serverCertificate",
                "caCertificate", "protocols", "cipherSuites", "engine");
        boolean enabled = section.flag("enabled", false);
        IncomingTlsEngineSetting engine = IncomingTlsEngineSetting.NATIVE;
        Optional<Located<String>> engineText = section.text("engine");
        if (engineText.isPresent()) {
            engine = IncomingTlsEngineSetting.fromSetting(engineText.get().value()).orElseThrow(() ->
                    new SettingsException(engineText.get().origin(), section.keyPath("engine") + " '"
                            + engineText.get().value() + "' is not one of jdk, native"));
        }
        boolean tlsOnly = section.flag("tlsOnly", false);
        List<String> protocols = protocols(section);
        List<String> cipherSuites = cipherSuites(section, protocols);
        if (tlsOnly && !enabled) {
            throw new SettingsException(section.origin(), section.keyPath("tlsOnly")
                    + " is true but " + section.keyPath("enabled") + " is false: TLS-only needs incoming TLS");
        }
        if (!enabled) {
            return new IncomingTlsSettings(false, false, null, null, null, null, protocols, cipherSuites, engine);
        }
        Optional<Located<String>> key = section.text("privateKey");
        Optional<Located<String>> certificate = section.text("serverCertificate");
        if (key.isEmpty() || certificate.isEmpty()) {
            throw new SettingsException(section.origin(), "incoming TLS needs both "
                    + section.keyPath("privateKey") + " and " + section.keyPath("serverCertificate"));
        }
        Optional<Located<String>> ca = section.text("caCertificate");
        Optional<Located<String>> password = section.text("privateKeyPassword");
        return new IncomingTlsSettings(true, tlsOnly,
                existingFile(key.get(), folder, section.keyPath("privateKey")),
                password.isPresent() ? secret(password.get(), section.keyPath("privateKeyPassword")) : null,
                existingFile(certificate.get(), folder, section.keyPath("serverCertificate")),
                ca.isPresent() ? existingFile(ca.get(), folder, section.keyPath("caCertificate")) : null,
                protocols, cipherSuites, engine);
    }

    /** The default policy, or the admin's list: names this JVM supports, and a suite for each enabled protocol. */
    private static List<String> cipherSuites(YamlSection section, List<String> protocols) throws SettingsException {
        List<Located<String>> written = section.textList("cipherSuites");
        if (written.isEmpty()) {
            return CipherSuites.DEFAULT;
        }
        Set<String> supported = CipherSuites.supportedByThisJvm();
        Set<String> suites = new LinkedHashSet<>();
        for (Located<String> suite : written) {
            if (!supported.contains(suite.value())) {
                throw new SettingsException(suite.origin(), section.keyPath("cipherSuites") + " '" + suite.value()
                        + "' is not a cipher suite this Java runtime (" + Runtime.version() + ") supports");
            }
            suites.add(suite.value());
        }
        for (String protocol : protocols) {
            if (suites.stream().noneMatch(suite -> CipherSuites.isFor(suite, protocol))) {
                throw new SettingsException(written.get(0).origin(), section.keyPath("cipherSuites")
                        + " has no suite for " + protocol + ", which " + section.keyPath("protocols") + " enables");
            }
        }
        return List.copyOf(suites);
    }

    private static List<String> protocols(YamlSection section) throws SettingsException {
        List<Located<String>> written = section.textList("protocols");
        if (written.isEmpty()) {
            return SUPPORTED_PROTOCOLS;
        }
        Set<String> protocols = new LinkedHashSet<>();
        for (Located<String> protocol : written) {
            // Older versions are disabled in current JDKs anyway: accepting them would only mislead.
            if (!SUPPORTED_PROTOCOLS.contains(protocol.value())) {
                throw new SettingsException(protocol.origin(), section.keyPath("protocols") + " '"
                        + protocol.value() + "' is not one of " + String.join(", ", SUPPORTED_PROTOCOLS));
            }
            protocols.add(protocol.value());
        }
        return List.copyOf(protocols);
    }

    private static OutgoingTlsSettings outgoingTls(YamlSection section) throws SettingsException {
        section.allowOnly("enabled", "mode", "gateway", "verifyServerIdentity", "policies",
                "mtaSts");
        boolean enabled = section.flag("enabled", false);
        Optional<Located<String>> modeText = section.text("mode");
        OutgoingTlsMode mode = OutgoingTlsMode.OPPORTUNISTIC;
        if (modeText.isPresent()) {
            try {
                mode = OutgoingTlsMode.parse(section.keyPath("mode"), modeText.get().value());
            } catch (SettingRuleException e) {
                throw new SettingsException(modeText.get().origin(), e.getMessage());
            }
        }
        Optional<Boolean> verifyServerIdentity = section.optionalFlag("verifyServerIdentity");
        if (verifyServerIdentity.isPresent() && verifyServerIdentity.get() != (mode == OutgoingTlsMode.VERIFY)) {
            // Checking names in opportunistic/required mode drops mail to self-signed peers; not checking in
            // verify mode would defeat it. Either way the settings contradict each other.
            throw new SettingsException(section.text("verifyServerIdentity").get().origin(),
                    section.keyPath("verifyServerIdentity") + " " + verifyServerIdentity.get()
                    + " contradicts mode " + mode.settingName() + " (it is true exactly in mode verify)");
        }
        Optional<Located<String>> gateway = section.text("gateway");
        return new OutgoingTlsSettings(enabled, mode,
                gateway.isPresent() ? smartHost(gateway.get(), section.keyPath("gateway")) : null,
                OutgoingTlsPolicies.read(section, "policies"), MtaStsSettingReader.read(section, "mtaSts"));
    }

    private static SmartHost smartHost(Located<String> written, String keyPath) throws SettingsException {
        String value = written.value();
        String host = value;
        int port = 25;
        int colon = value.indexOf(':');
        if (colon >= 0 && value.indexOf(':', colon + 1) < 0) {
            host = value.substring(0, colon);
            String portText = value.substring(colon + 1);
            port = portText.matches("[0-9]{1,5}") ? Integer.parseInt(portText) : -1;
            if (port < 1 || port > 65535) {
                throw new SettingsException(written.origin(), keyPath + " '" + value
                        + "': the port must be between 1 and 65535");
            }
        }
        if (!HOST_NAME.matcher(host).matches()) {
            throw new SettingsException(written.origin(), keyPath + " '" + value
                    + "' is not host or host:port (a host name or an IPv4 address)");
        }
        return new SmartHost(host, port);
    }

    private static Located<Path> existingFile(Located<String> written, Path folder, String keyPath)
            throws SettingsException {
        Path path;
        try {
            path = folder.resolve(written.value()).normalize();
        } catch (InvalidPathException e) {
            // A quoted YAML scalar can hold "\0"; shown as written, not as a raw NUL.
            throw new SettingsException(written.origin(), keyPath + " '" + written.value().replace("\0", "\\0")
                    + "': not a valid path: " + e.getReason());
        }
        if (!Files.exists(path)) {
            throw new SettingsException(written.origin(), keyPath + " " + Printable.quote(written.value())
                    + ": file not found (" + Printable.escape(path.toString()) + ")");
        }
        if (!Files.isRegularFile(path)) {
            // A FIFO would block the read, a device (/dev/zero) never ends: only a regular file is read.
            throw new SettingsException(written.origin(), keyPath + " " + Printable.quote(written.value())
                    + ": not a regular file (" + Printable.escape(path.toString()) + " is " + kindOf(path) + ")");
        }
        if (isPseudoFileSystem(path)) {
            throw new SettingsException(written.origin(), keyPath + " " + Printable.quote(written.value())
                    + ": " + Printable.escape(path.toString()) + " is on /proc, /sys or /dev, not a file of settings");
        }
        if (!Files.isReadable(path)) {
            throw new SettingsException(written.origin(), keyPath + " " + Printable.quote(written.value())
                    + ": file not readable (" + Printable.escape(path.toString()) + ")");
        }
        return new Located<>(path, written.origin());
    }

    private static String kindOf(Path path) {
        if (Files.isDirectory(path)) {
            return "a folder";
        }
        try {
            Object mode = Files.getAttribute(path, "unix:mode");
            int type = ((Integer) mode) & 0170000;
            if (type == 0010000) {
                return "a FIFO";
            }
            if (type == 0020000 || type == 0060000) {
                return "a device";
            }
            if (type == 0140000) {
                return "a socket";
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // Only for the message.
        }
        return "not a regular file";
    }

    /** procfs and sysfs files claim to be regular files of size 0 and can hold anything (the environment). */
    private static boolean isPseudoFileSystem(Path path) {
        try {
            Path real = path.toRealPath();
            return real.startsWith("/proc") || real.startsWith("/sys") || real.startsWith("/dev");
        } catch (IOException e) {
            return false;
        }
    }

    private Secret secret(Located<String> written, String keyPath) throws SettingsException {
        Matcher reference = ENV_REFERENCE.matcher(written.value());
        if (!reference.matches()) {
            return new Secret(written.value());
        }
        String name = reference.group(1).trim();
        if (!ENV_NAME.matcher(name).matches()) {
            throw new SettingsException(written.origin(), keyPath + ": '" + name
                    + "' is not an environment variable name");
        }
        String value = environment.apply(name);
        if (value == null || value.isEmpty()) {
            throw new SettingsException(written.origin(), keyPath + ": environment variable " + name
                    + (value == null ? " is not set" : " is empty"));
        }
        return new Secret(value);
    }
}
