package org.imsajames.webadmin;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.smtpserver.netty.SMTPServerFactory;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.authentication.AuthenticationFilter;
import org.imsajames.policy.ConnectionPolicy;
import org.imsajames.policy.Decision;
import org.imsajames.policy.EntryParser;
import org.imsajames.policy.InvalidEntryException;
import org.imsajames.policy.ListEntry;
import org.imsajames.policy.PolicyMode;
import org.imsajames.settings.OutgoingTlsLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * IMSA's SMTP Routing &gt; Connections screen as WebAdmin routes, all under one base path so that WebAdmin's own
 * authentication (JWT when {@code jwt.enabled}) covers every one of them: James 3.8.1 filters exactly
 * {@code basePath} and {@code basePath/*} of a route class. Named in webadmin.properties'
 * {@code extensions.routes}; created by Guice from extensions-jars/.
 *
 * <p>Every change needs {@code If-Match} with the state's version (its ETag) and publishes a new generation of
 * conf/ (see {@link ConnectionsStore}); the handlers watch conf/imsa/current, so a change is in force for new
 * connections within a second, on every James that shares the folder.
 */
public class ConnectionsRoutes implements Routes {
    public static final String BASE_PATH = "/imsa/connections";
    private static final Logger LOGGER = LoggerFactory.getLogger(ConnectionsRoutes.class);
    private static final String JSON = "application/json";

    private final ObjectMapper json = new ObjectMapper();
    private final ConnectionsStore store;
    private final CertificateReloader certificates;
    private final RequestBodyLogGuard requestLog;
    private final Snapshot startedWith;
    private volatile CachedPolicy lookupPolicy;

    @Inject
    public ConnectionsRoutes(FileSystem fileSystem, SMTPServerFactory smtpServers) {
        this(confFolder(fileSystem), smtpServers, historyVersions(fileSystem));
    }

    ConnectionsRoutes(Path conf, SMTPServerFactory smtpServers, int historyVersions) {
        // Before WebAdmin serves a request: from then on an upload's body never reaches James's request log.
        this.requestLog = RequestBodyLogGuard.install();
        this.store = new ConnectionsStore(conf, historyVersions - 1, json);
        this.startedWith = readStartedWith(store);
        this.certificates = new CertificateReloader(conf, smtpServers);
        this.certificates.start();
    }

    /**
     * The folder whose imsa/ holds the generations: James's conf folder, or, when conf/imsa is a link to a volume
     * several James nodes share, that volume's parent, so that the lock, the generations and the switch of
     * current are the shared ones and each node's own conf/ names are left alone.
     */
    private static Path confFolder(FileSystem fileSystem) {
        Path conf;
        try {
            conf = fileSystem.getFile(FileSystem.FILE_PROTOCOL_AND_CONF).toPath().toAbsolutePath().normalize();
        } catch (FileNotFoundException e) {
            throw new IllegalStateException("James's conf folder not found", e);
        }
        Path imsa = conf.resolve(org.imsajames.generator.GenerationStore.IMSA_FOLDER);
        try {
            if (java.nio.file.Files.isSymbolicLink(imsa) && java.nio.file.Files.isDirectory(imsa)) {
                return imsa.toRealPath().getParent();
            }
        } catch (IOException e) {
            LOGGER.warn("Connections screen: {} cannot be followed ({}); using {}", imsa, e.getMessage(), conf);
        }
        return conf;
    }

    /**
     * {@code imsa.historyVersions} of webadmin.properties (imsa-james generate writes it from
     * webAdmin.historyVersions), default 50: the current version and the ones before it that are kept.
     */
    private static int historyVersions(FileSystem fileSystem) {
        try (java.io.InputStream in = new java.io.FileInputStream(fileSystem.getFile("file://conf/webadmin.properties"))) {
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            int versions = Integer.parseInt(properties.getProperty("imsa.historyVersions",
                String.valueOf(ConnectionsStore.DEFAULT_KEEP + 1)).trim());
            if (versions >= 2) {
                return versions;
            }
            LOGGER.warn("Connections screen: imsa.historyVersions {} is below 2; keeping {}", versions,
                ConnectionsStore.DEFAULT_KEEP + 1);
        } catch (IOException | RuntimeException e) {
            LOGGER.debug("Connections screen: no imsa.historyVersions ({}); keeping {}", e.toString(),
                ConnectionsStore.DEFAULT_KEEP + 1);
        }
        return ConnectionsStore.DEFAULT_KEEP + 1;
    }

    /** James read smtpserver.xml and mailetcontainer.xml when it started, at about the time these routes are made. */
    private static Snapshot readStartedWith(ConnectionsStore store) {
        try {
            return store.current();
        } catch (IOException | ApiError e) {
            LOGGER.warn("Connections screen: no generation to compare saved settings with ({})", e.getMessage());
            return null;
        }
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, (request, response) -> handle(response, () -> state(response, store.current())));
        service.put(BASE_PATH + "/connection-control", (request, response) -> handle(response,
            () -> putConnectionControl(request, response)));
        service.post(BASE_PATH + "/connection-control/import", (request, response) -> handle(response,
            () -> importList(request, response)));
        service.get(BASE_PATH + "/lookup", (request, response) -> handle(response, () -> lookup(request)));
        service.put(BASE_PATH + "/smtp-interface", (request, response) -> handle(response,
            () -> putSmtpInterface(request, response)));
        service.put(BASE_PATH + "/tls", (request, response) -> handle(response, () -> putTls(request, response)));
        service.post(BASE_PATH + "/tls/certificate", (request, response) -> handle(response,
            () -> uploadCertificate(request, response)));
        service.get(BASE_PATH + "/history", (request, response) -> handle(response, this::history));
        service.post(BASE_PATH + "/history/:version/restore", (request, response) -> handle(response,
            () -> restore(request, response)));
        service.get(BASE_PATH + "/stats", (request, response) -> handle(response,
            () -> org.imsajames.smtp.ConnectionStats.instance().toJson()));
    }

    private interface Action {
        Object run() throws ApiError, IOException, InterruptedException;
    }

    /** Our routes answer JSON themselves: the error body always has a message, and nothing leaks a stack trace. */
    private String handle(Response response, Action action) throws IOException {
        response.type(JSON);
        response.header("Cache-Control", "no-store");
        try {
            Object result = action.run();
            response.status(200);
            return json.writeValueAsString(result);
        } catch (ApiError e) {
            response.status(e.status());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("statusCode", e.status());
            body.put("message", e.getMessage());
            if (!e.errors().isEmpty()) {
                body.put("errors", e.errors());
            }
            return json.writeValueAsString(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.status(503);
            return json.writeValueAsString(Map.of("statusCode", 503, "message", "interrupted"));
        } catch (IOException | RuntimeException e) {
            // The exception's text may name files; the key material never reaches an exception of ours.
            LOGGER.error("Connections screen: request failed: {}", e.toString());
            response.status(500);
            return json.writeValueAsString(Map.of("statusCode", 500, "message",
                "the request failed inside James; nothing was changed unless the state's version changed"));
        }
    }

    private Map<String, Object> state(Response response, Snapshot snapshot) {
        response.header("ETag", IfMatch.etag(snapshot.version()));
        return snapshot.toJson(startedWith);
    }

    private static String by(Request request) {
        Object login = request.attribute(AuthenticationFilter.LOGIN);
        return login == null ? "admin" : login.toString();
    }

    private Object putConnectionControl(Request request, Response response)
            throws ApiError, IOException, InterruptedException {
        String ifMatch = request.headers("If-Match");
        IfMatch.version(ifMatch); // 428 before the body is looked at
        JsonNode body = RequestBodies.json(json, request);
        if (!body.isObject()) {
            throw ApiError.badRequest("the body must be an object {\"policy\": ..., \"entries\": [...]}");
        }
        PolicyMode mode = body.has("policy") ? mode(body.get("policy")) : null;
        List<String> entries = body.has("entries") ? strings(body.get("entries"), "entries") : null;
        rejectUnknown(body, List.of("policy", "entries"));
        List<String> checked = entries == null ? null : ScreenList.checkEntries(entries);
        Snapshot saved = store.save(ifMatch, by(request), current -> Draft.of(current,
            new ScreenList(mode == null ? current.list().mode() : mode,
                checked == null ? current.list().entries() : checked), current.tlsOnly()));
        return state(response, saved);
    }

    /** James reads these only at start: saved into smtpserver.xml, listed in pendingRestart until then. */
    private Object putSmtpInterface(Request request, Response response)
            throws ApiError, IOException, InterruptedException {
        String ifMatch = request.headers("If-Match");
        IfMatch.version(ifMatch);
        SmtpInterfaceEdit edit = SmtpInterfaceEdit.of(RequestBodies.json(json, request));
        Snapshot saved = store.save(ifMatch, by(request), current -> Draft.of(current, current.list(),
            current.tlsOnly()).withServerFile(ConnectionsFiles.SMTP_SERVER,
                RestartOnlyEdit.smtpServer(current, server -> edit.applyTo(server))));
        return state(response, saved);
    }

    private Object importList(Request request, Response response) throws ApiError, IOException, InterruptedException {
        String ifMatch = request.headers("If-Match");
        IfMatch.version(ifMatch);
        String mode = request.queryParams("mode");
        if (mode == null) {
            mode = "replace";
        }
        if (!mode.equals("replace") && !mode.equals("append")) {
            throw ApiError.badRequest("mode must be replace or append");
        }
        RequestBodies.requireType(request, "text/plain");
        List<String> imported = ScreenList.parseImport(RequestBodies.utf8(
            RequestBodies.bytes(request, RequestBodies.MAX_LIST_BYTES)));
        boolean append = mode.equals("append");
        Snapshot saved = store.save(ifMatch, by(request), current -> {
            List<String> entries = new ArrayList<>();
            if (append) {
                entries.addAll(current.list().entries());
                java.util.Set<String> present = new java.util.HashSet<>(entries);
                imported.stream().filter(present::add).forEach(entries::add);
            } else {
                entries.addAll(imported);
            }
            return Draft.of(current, new ScreenList(current.list().mode(), entries), current.tlsOnly());
        });
        return state(response, saved);
    }

    private Object lookup(Request request) throws ApiError, IOException {
        String ip = request.queryParams("ip");
        InetAddress address = ipLiteral(ip);
        Snapshot current = store.current();
        ConnectionPolicy policy = policyOf(current);
        Decision decision = policy.decide(address);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ip", address.getHostAddress());
        result.put("decision", decision.accepted() ? "accepted" : "refused");
        result.put("matchedEntry", decision.matchedEntry());
        result.put("policy", policy.mode().setting());
        result.put("version", current.version());
        return result;
    }

    /** Only an address literal, parsed by our entry parser first: never a DNS lookup. */
    static InetAddress ipLiteral(String text) throws ApiError {
        if (text == null || text.isBlank()) {
            throw ApiError.badRequest("ip is required, e.g. ?ip=192.168.2.7");
        }
        String trimmed = text.trim();
        String quoted = org.imsajames.policy.LogText.quoted(trimmed);
        if (trimmed.indexOf('/') >= 0 || trimmed.chars().filter(c -> c == ':').count() == 1) {
            throw ApiError.badRequest(quoted + " is not an IP address (a single address, not a network)");
        }
        ListEntry entry;
        try {
            entry = EntryParser.parse(trimmed, "lookup");
        } catch (InvalidEntryException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        if (entry.prefixLength() != (entry.isIpv4() ? 32 : 128)) {
            throw ApiError.badRequest(quoted + " is not an IP address (a single address, not a network)");
        }
        try {
            return InetAddress.getByName(trimmed); // a literal the parser accepted: Java parses it, no resolver
        } catch (UnknownHostException e) {
            throw ApiError.badRequest(quoted + " is not an IP address");
        }
    }

    private ConnectionPolicy policyOf(Snapshot snapshot) throws ApiError {
        CachedPolicy cached = lookupPolicy;
        if (cached != null && cached.version.equals(snapshot.version())) {
            return cached.policy;
        }
        try {
            ConnectionPolicy policy = snapshot.list().policy();
            lookupPolicy = new CachedPolicy(snapshot.version(), policy);
            return policy;
        } catch (InvalidEntryException e) {
            throw new ApiError(500, "the list in force holds an invalid entry: " + e.getMessage());
        }
    }

    private static final class CachedPolicy {
        final String version;
        final ConnectionPolicy policy;

        CachedPolicy(String version, ConnectionPolicy policy) {
            this.version = version;
            this.policy = policy;
        }
    }

    private Object putTls(Request request, Response response) throws ApiError, IOException, InterruptedException {
        String ifMatch = request.headers("If-Match");
        IfMatch.version(ifMatch);
        JsonNode body = RequestBodies.json(json, request);
        if (!body.isObject()) {
            throw ApiError.badRequest("the body must be an object {\"incoming\": {...}, \"outgoing\": {...}}");
        }
        rejectUnknown(body, List.of("incoming", "outgoing"));
        JsonNode incoming = body.path("incoming");
        JsonNode outgoing = body.path("outgoing");
        if (!incoming.isMissingNode() && !incoming.isObject()) {
            throw ApiError.badRequest("incoming must be an object");
        }
        if (!outgoing.isMissingNode() && !outgoing.isObject()) {
            throw ApiError.badRequest("outgoing must be an object");
        }
        if (incoming.isObject()) {
            rejectUnknown(incoming, List.of("enabled", "tlsOnly", "certificate"), "incoming.");
        }
        if (outgoing.isObject()) {
            rejectUnknown(outgoing, List.of("enabled", "mode"), "outgoing.");
        }
        Boolean enabled = bool(incoming, "enabled", "incoming.enabled");
        Boolean tlsOnly = bool(incoming, "tlsOnly", "incoming.tlsOnly");
        Boolean outgoingEnabled = bool(outgoing, "enabled", "outgoing.enabled");
        String outgoingMode = outgoing.has("mode") ? text(outgoing.get("mode"), "outgoing.mode") : null;
        OutgoingTlsLevel level = OutgoingTlsChange.level(outgoingEnabled, outgoingMode);
        Snapshot saved = store.save(ifMatch, by(request), current -> {
            boolean incomingNow = enabled == null ? current.smtp().startTls() : enabled;
            boolean wanted = tlsOnly == null ? current.tlsOnly() : tlsOnly;
            if (wanted && !incomingNow) {
                throw ApiError.badRequest("tls.incoming.tlsOnly needs incoming TLS: turn TLS only off, or leave"
                    + " incoming TLS on; nothing was changed");
            }
            if (wanted && !current.tlsOnly()) {
                TlsOnlyRequirements.check(current);
            }
            Draft draft = Draft.of(current, current.list(), wanted);
            if (incomingNow != current.smtp().startTls()) {
                draft = IncomingTlsSwitch.apply(current, draft, incomingNow);
            }
            OutgoingTlsLevel wantedLevel = OutgoingTlsChange.resolve(level, outgoingEnabled, current.outgoing());
            if (wantedLevel != current.outgoing().level()) {
                draft = draft.withServerFile(ConnectionsFiles.MAILET_CONTAINER,
                    RestartOnlyEdit.relay(current, wantedLevel));
            }
            return draft;
        });
        return state(response, saved);
    }

    private Object uploadCertificate(Request request, Response response)
            throws ApiError, IOException, InterruptedException {
        try {
            requestLog.requireActive();
            UploadRequestLogLine.log(request);
            String ifMatch = request.headers("If-Match");
            IfMatch.version(ifMatch);
            CertificateUpload upload = CertificateUpload.of(UploadBody.parts(json, request));
            Snapshot saved = store.save(ifMatch, by(request), upload::apply);
            certificates.reloadNow();
            return state(response, saved);
        } finally {
            CapturedUploadBody.forget(); // the key's text stays in this thread no longer than the request
        }
    }

    private Object history() throws IOException {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Path generation : store.generations()) {
            items.add(AuditRecord.read(json, generation));
        }
        return items;
    }

    private Object restore(Request request, Response response) throws ApiError, IOException, InterruptedException {
        String ifMatch = request.headers("If-Match");
        IfMatch.version(ifMatch);
        String version = request.params("version");
        Path old = store.generation(version).orElseThrow(() -> new ApiError(404, "no version "
            + org.imsajames.policy.LogText.quoted(version) + " in the history"));
        Snapshot saved = store.save(ifMatch, by(request), current -> Restore.of(current, Snapshot.read(old)));
        certificates.reloadNow();
        return state(response, saved);
    }

    private static PolicyMode mode(JsonNode node) throws ApiError {
        if (!node.isTextual()) {
            throw ApiError.badRequest("policy must be a string: accept-all-except or deny-all-except");
        }
        try {
            return PolicyMode.fromSetting(node.asText());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("policy must be accept-all-except or deny-all-except, not "
                + org.imsajames.policy.LogText.quoted(node.asText()));
        }
    }

    private static List<String> strings(JsonNode node, String name) throws ApiError {
        if (!node.isArray()) {
            throw ApiError.badRequest(name + " must be an array of strings");
        }
        List<String> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual()) {
                throw new ApiError(400, name + "[" + i + "] must be a string",
                    List.of(Map.of("index", i, "entry", "", "message", "not a string")));
            }
            values.add(item.asText());
        }
        return values;
    }

    private static String text(JsonNode node, String name) throws ApiError {
        if (!node.isTextual()) {
            throw ApiError.badRequest(name + " must be a string");
        }
        return node.asText();
    }

    private static Boolean bool(JsonNode parent, String field, String name) throws ApiError {
        if (!parent.has(field)) {
            return null;
        }
        JsonNode node = parent.get(field);
        if (!node.isBoolean()) {
            throw ApiError.badRequest(name + " must be true or false");
        }
        return node.asBoolean();
    }

    private static void rejectUnknown(JsonNode object, List<String> known) throws ApiError {
        rejectUnknown(object, known, "");
    }

    private static void rejectUnknown(JsonNode object, List<String> known, String prefix) throws ApiError {
        java.util.Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ApiError.badRequest("unknown field " + org.imsajames.policy.LogText.quoted(prefix + name)
                    + "; known: " + String.join(", ", known));
            }
        }
    }
}
