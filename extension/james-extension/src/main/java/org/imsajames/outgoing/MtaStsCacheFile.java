package org.imsajames.outgoing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The MTA-STS policy cache on disk (RFC 8461 section 5.1 asks senders to keep cached policies across restarts, or a
 * restart plus a blocked fetch would undo a policy): {@value #RELATIVE_PATH} under James's home. Simple JSON, one
 * object per policy, written whole to a temporary file in the same folder, synced, then renamed over the old one,
 * so a reader (James at start, {@code bin/imsa-james mta-sts-cache}) sees the old file or the new one, never half:
 * <pre>
 * {"format": "imsa-james mta-sts cache 1",
 *  "policies": [{"domain": "example.com", "id": "20261201", "mode": "enforce", "max_age": 86400,
 *                "mx": ["mx1.example.com", "*.example.net"],
 *                "fetched": "2026-12-02T03:00:00Z", "expires": "2026-12-03T03:00:00Z"}]}
 * </pre>
 * Mode 0644: the policies are public (each domain publishes its own), and other tools of the operator read it.
 */
final class MtaStsCacheFile {
    static final String RELATIVE_PATH = "var/imsa/mta-sts-policies.json";
    static final String FORMAT = "imsa-james mta-sts cache 1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    MtaStsCacheFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** The policies in the file; none when there is no file yet. Anything else unreadable is an error. */
    List<MtaStsPolicyCache.CachedPolicy> read() throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException first) {
            return List.of();
        }
        try {
            JsonNode root = JSON.readTree(content);
            if (root == null || !FORMAT.equals(root.path("format").asText(null))) {
                throw new IOException("not an imsa-james MTA-STS cache (no \"format\": \"" + FORMAT + "\")");
            }
            List<MtaStsPolicyCache.CachedPolicy> policies = new ArrayList<>();
            for (JsonNode entry : root.path("policies")) {
                policies.add(policy(entry));
            }
            return policies;
        } catch (MtaStsPolicyException | DateTimeParseException | IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static MtaStsPolicyCache.CachedPolicy policy(JsonNode entry) throws MtaStsPolicyException {
        String domain = text(entry, "domain").toLowerCase(Locale.ROOT);
        if (!MxPattern.isDomain(domain)) {
            throw new MtaStsPolicyException("domain '" + MtaStsPolicyException.shown(domain) + "' is not a domain");
        }
        String id = text(entry, "id");
        MtaStsTxtRecord.checkId(id);
        MtaStsMode mode = MtaStsMode.valueOf(text(entry, "mode").toUpperCase(Locale.ROOT));
        JsonNode maxAge = entry.path("max_age");
        if (!maxAge.canConvertToLong() || maxAge.asLong() < 0 || maxAge.asLong() > MtaStsPolicyParser.MAX_AGE_LIMIT) {
            throw new MtaStsPolicyException(domain + ": max_age is not 0 to " + MtaStsPolicyParser.MAX_AGE_LIMIT);
        }
        List<MxPattern> mx = new ArrayList<>();
        for (JsonNode pattern : entry.path("mx")) {
            mx.add(MxPattern.parse(pattern.asText()));
        }
        Instant fetched = Instant.parse(text(entry, "fetched"));
        return new MtaStsPolicyCache.CachedPolicy(domain, id, new MtaStsPolicy(mode, maxAge.asLong(), mx), fetched);
    }

    private static String text(JsonNode entry, String field) throws MtaStsPolicyException {
        JsonNode value = entry.get(field);
        if (value == null || !value.isTextual()) {
            throw new MtaStsPolicyException("a policy without \"" + field + "\"");
        }
        return value.asText();
    }

    /** Replaces the file with POLICIES in one rename. */
    void write(List<MtaStsPolicyCache.CachedPolicy> policies) throws IOException {
        StringBuilder json = new StringBuilder("{\"format\": ").append(quoted(FORMAT)).append(",\n \"policies\": [");
        for (int i = 0; i < policies.size(); i++) {
            MtaStsPolicyCache.CachedPolicy policy = policies.get(i);
            json.append(i == 0 ? "\n  " : ",\n  ").append("{\"domain\": ").append(quoted(policy.domain()))
                    .append(", \"id\": ").append(quoted(policy.id()))
                    .append(", \"mode\": ").append(quoted(policy.policy().mode().name().toLowerCase(Locale.ROOT)))
                    .append(", \"max_age\": ").append(policy.policy().maxAgeSeconds())
                    .append(", \"mx\": [");
            List<MxPattern> mx = policy.policy().mx();
            for (int j = 0; j < mx.size(); j++) {
                json.append(j == 0 ? "" : ", ").append(quoted(mx.get(j).toString()));
            }
            json.append("], \"fetched\": ").append(quoted(policy.fetched().toString()))
                    .append(", \"expires\": ").append(quoted(policy.expires().toString())).append('}');
        }
        json.append("\n ]}\n");
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "." + file.getFileName() + ".", ".tmp");
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(json.toString().getBytes(UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(folder + " cannot replace a file atomically", e);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Domains, ids and mx patterns are validated ASCII; escaping anyway keeps the file JSON whatever comes. */
    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
