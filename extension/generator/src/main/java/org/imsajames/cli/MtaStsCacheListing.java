package org.imsajames.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.imsajames.generator.ConfFolderException;
import org.imsajames.settings.Printable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * {@code bin/imsa-james mta-sts-cache --james-home DIR}: the MTA-STS policies a James holds, read from the file its
 * MtaStsRemoteDelivery keeps ({@value #RELATIVE_PATH} under James's home; JSON, documented in the README). One line
 * per domain: id, mode, mx patterns, expiry. The file is replaced by a rename, so it is read whole, never half.
 */
final class MtaStsCacheListing {
    /** The same path as org.imsajames.outgoing.MtaStsCacheFile, which James writes. */
    static final String RELATIVE_PATH = "var/imsa/mta-sts-policies.json";
    private static final String FORMAT = "imsa-james mta-sts cache 1";
    private static final int MAX_BYTES = 64 * 1024 * 1024;

    private MtaStsCacheListing() {
    }

    static void print(Path jamesHome, Clock clock, PrintWriter out) throws ConfFolderException {
        Path file = jamesHome.resolve(RELATIVE_PATH);
        String json;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfFolderException(file + ": over " + MAX_BYTES + " bytes, not a policy cache of ours");
            }
            json = Files.readString(file, UTF_8);
        } catch (NoSuchFileException e) {
            out.println("no MTA-STS policy cached: " + file + " does not exist (James has fetched no policy yet,"
                    + " or tls.outgoing.mtaSts is off)");
            return;
        } catch (IOException e) {
            throw new ConfFolderException(file + ": cannot be read: " + e.getMessage());
        }
        List<Map<?, ?>> policies = policies(file, json);
        out.println(file + ": " + policies.size() + " MTA-STS polic" + (policies.size() == 1 ? "y" : "ies"));
        Instant now = clock.instant();
        for (Map<?, ?> policy : policies) {
            String expires = field(file, policy, "expires");
            boolean expired;
            try {
                expired = !now.isBefore(Instant.parse(expires));
            } catch (DateTimeParseException e) {
                throw new ConfFolderException(file + ": expires '" + Printable.escape(expires) + "' is not a time");
            }
            out.println(Printable.escape(field(file, policy, "domain") + " id " + field(file, policy, "id")
                    + " mode " + field(file, policy, "mode") + " mx " + policy.get("mx") + " expires " + expires
                    + (expired ? " (expired: not used)" : "")));
        }
    }

    private static List<Map<?, ?>> policies(Path file, String json) throws ConfFolderException {
        Object root;
        try {
            // JSON is YAML; SafeConstructor builds only maps, lists and scalars.
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(json);
        } catch (YAMLException e) {
            throw new ConfFolderException(file + ": not JSON: " + e.getMessage());
        }
        if (!(root instanceof Map) || !FORMAT.equals(((Map<?, ?>) root).get("format"))
                || !(((Map<?, ?>) root).get("policies") instanceof List)) {
            throw new ConfFolderException(file + ": not an imsa-james MTA-STS cache (\"format\": \"" + FORMAT + "\")");
        }
        List<?> entries = (List<?>) ((Map<?, ?>) root).get("policies");
        for (Object entry : entries) {
            if (!(entry instanceof Map)) {
                throw new ConfFolderException(file + ": a policy that is not an object");
            }
        }
        @SuppressWarnings("unchecked")
        List<Map<?, ?>> policies = (List<Map<?, ?>>) entries;
        return policies;
    }

    private static String field(Path file, Map<?, ?> policy, String name) throws ConfFolderException {
        Object value = policy.get(name);
        if (value == null) {
            throw new ConfFolderException(file + ": a policy without \"" + name + "\"");
        }
        return String.valueOf(value);
    }
}
