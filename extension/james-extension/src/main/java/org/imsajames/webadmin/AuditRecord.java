package org.imsajames.webadmin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * audit.json of a generation: who saved it (the WebAdmin token's subject, or "admin" without JWT), when, and what
 * it changed against the generation before it: entries added and removed, the mode, TLS only, the certificate's
 * fingerprint. Never key material: the fingerprint is of the public certificate.
 */
final class AuditRecord {
    /** Changes beyond this many are summed up in one line. */
    static final int MAX_LISTED_CHANGES = 200;

    private AuditRecord() {
    }

    static List<String> changes(Snapshot before, ScreenList list, boolean tlsOnly, CertificateSummary certificate) {
        List<String> changes = new ArrayList<>();
        if (before.list().mode() != list.mode()) {
            changes.add("policy " + before.list().mode().setting() + " -> " + list.mode().setting());
        }
        Set<String> old = new HashSet<>(before.list().entries());
        Set<String> now = new HashSet<>(list.entries());
        int hidden = 0;
        for (String entry : list.entries()) {
            if (!old.contains(entry)) {
                hidden += add(changes, "+ " + entry);
            }
        }
        for (String entry : before.list().entries()) {
            if (!now.contains(entry)) {
                hidden += add(changes, "- " + entry);
            }
        }
        if (hidden > 0) {
            changes.add("and " + hidden + " more entry changes");
        }
        if (before.tlsOnly() != tlsOnly) {
            changes.add("tlsOnly " + before.tlsOnly() + " -> " + tlsOnly);
        }
        String oldPrint = before.certificate() == null ? "none" : before.certificate().sha256();
        String newPrint = certificate == null ? "none" : certificate.sha256();
        if (!Objects.equals(oldPrint, newPrint)) {
            changes.add("certificate " + oldPrint + " -> " + newPrint);
        }
        return changes;
    }

    private static int add(List<String> changes, String change) {
        if (changes.size() < MAX_LISTED_CHANGES) {
            changes.add(change);
            return 0;
        }
        return 1;
    }

    static byte[] render(ObjectMapper json, String by, Instant at, List<String> changes, String restoredFrom)
            throws IOException {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("at", at.toString());
        record.put("by", by);
        if (restoredFrom != null) {
            record.put("restoredFrom", restoredFrom);
        }
        record.put("changes", changes);
        return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(record);
    }

    /** The history item of a generation; one without audit.json was published by imsa-james generate. */
    static Map<String, Object> read(ObjectMapper json, Path generation) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("version", generation.getFileName().toString());
        Path file = generation.resolve(ConnectionsFiles.AUDIT);
        try {
            if (Files.isRegularFile(file)) {
                JsonNode record = json.readTree(file.toFile());
                item.put("at", record.path("at").asText(null));
                item.put("by", record.path("by").asText(null));
                if (record.has("restoredFrom")) {
                    item.put("restoredFrom", record.path("restoredFrom").asText());
                }
                List<String> changes = new ArrayList<>();
                record.path("changes").forEach(change -> changes.add(change.asText()));
                item.put("changes", changes);
                return item;
            }
            item.put("at", Files.getLastModifiedTime(generation).toInstant().toString());
        } catch (IOException e) {
            item.put("at", null);
        }
        item.put("by", "imsa-james generate");
        item.put("changes", List.of("published by imsa-james generate"));
        return item;
    }
}
