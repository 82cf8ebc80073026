package org.imsajames.smtp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

import javax.inject.Inject;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.NoopGaugeRegistry;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.api.handler.UnknownCommandHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.imsajames.handlerconf.HandlerVocabulary;
import org.imsajames.policy.ConnectionPolicy;
import org.imsajames.policy.Decision;
import org.imsajames.policy.ListFileException;
import org.imsajames.policy.PolicyMode;
import org.imsajames.tlsengine.IncomingTlsEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IMSA "Connection Control": decides, when the TCP connection opens and before the greeting, whether the client
 * may talk to this SMTP server at all. A refused client gets {@code 554 5.7.1} and the connection is closed.
 *
 * <pre>
 * &lt;handler class="org.imsajames.smtp.ConnectionControlHandler"&gt;
 *   &lt;listFile&gt;file://conf/imsa/current/connection-control.list&lt;/listFile&gt;   (its "#! policy" line sets the mode)
 *   &lt;policy&gt;accept-all-except&lt;/policy&gt;   (or deny-all-except: only where the list file has no "#! policy")
 *   &lt;entry&gt;192.168.2.0:255.255.255.0&lt;/entry&gt;   (optional, repeatable)
 *   &lt;watchIntervalMillis&gt;500&lt;/watchIntervalMillis&gt;   (how often the list file is checked; 0: never)
 *   &lt;maxShrinkPercent&gt;50&lt;/maxShrinkPercent&gt;   (a bigger shrink needs "#! entries N" in the file)
 *   &lt;readTimeoutSeconds&gt;30&lt;/readTimeoutSeconds&gt;, &lt;maxFileBytes&gt;268435456&lt;/maxFileBytes&gt;,
 *   &lt;maxLineLength&gt;4096&lt;/maxLineLength&gt;   (what the list file's reader allows)
 *   &lt;trustedProxy&gt;10.0.0.5&lt;/trustedProxy&gt;   (repeatable; required with proxyRequired)
 *   &lt;refusalLogIntervalSeconds&gt;60&lt;/refusalLogIntervalSeconds&gt;   (one summary of refusals per interval)
 * &lt;/handler&gt;
 * </pre>
 *
 * <p>A changed list file takes effect without restarting James, mode and entries together; an invalid one keeps
 * the previous policy.
 *
 * <p>Behind a proxy ({@code <proxyRequired>true</proxyRequired>}) the client's address is known only once the
 * PROXY header has been read, which James 3.8.1 does after the greeting: the decision then waits for the
 * client's first command, and a refused client gets the 554 in answer to it. James believes that header from
 * anyone, so a TCP peer that is not a {@code <trustedProxy>} is refused at once, before anything is read.
 *
 * <p>Refusals are logged through {@link RefusalLog}: the first of each address per interval at INFO, then one
 * summary; the metrics count every one.
 */
public class ConnectionControlHandler implements ConnectHandler<SMTPSession>, CommandHandler<SMTPSession> {
    private static final Logger LOGGER = LoggerFactory.getLogger(ConnectionControlHandler.class);

    static final Response REFUSED = refusal();
    static final String WATCH_INTERVAL = HandlerVocabulary.WATCH_INTERVAL;
    static final String READ_TIMEOUT = HandlerVocabulary.READ_TIMEOUT;
    /** Every command James 3.8.1 answers, so that whatever a proxied client says first meets the decision. */
    static final List<String> EVERY_COMMAND = List.of("EHLO", "HELO", "MAIL", "RCPT", "DATA", "AUTH", "VRFY",
        "EXPN", "NOOP", "RSET", "QUIT", "HELP", "STARTTLS", UnknownCommandHandler.COMMAND_IDENTIFIER);
    private static final AttachmentKey<Boolean> DECISION_PENDING =
        AttachmentKey.of("imsa.connectionControl.pending", Boolean.class);
    private static final long DEFAULT_WATCH_INTERVAL_MILLIS = HandlerVocabulary.DEFAULT_WATCH_INTERVAL_MILLIS;
    private static final long DEFAULT_READ_TIMEOUT_SECONDS = HandlerVocabulary.DEFAULT_READ_TIMEOUT_SECONDS;

    private final FileSystem fileSystem;
    private final MetricFactory metricFactory;
    private final GaugeRegistry gaugeRegistry;
    private final ConfigurationProvider configurationProvider;
    private final Metric accepted;
    private final Metric refused;
    private volatile ConnectionPolicy policy;
    private ListFileWatcher watcher;
    private TrustedProxies trustedProxies = TrustedProxies.NONE;
    private boolean expectsProxyHeader = true; // until init knows better: claiming is the safe side
    private volatile boolean proxyMismatchLogged;
    private RefusalLog refusalLog = RefusalLog.withDefaults(LOGGER, "connections");
    private final ConnectionStats stats = ConnectionStats.instance();

    @Inject
    public ConnectionControlHandler(FileSystem fileSystem, MetricFactory metricFactory, GaugeRegistry gaugeRegistry,
                                    ConfigurationProvider configurationProvider) {
        this.fileSystem = fileSystem;
        this.metricFactory = metricFactory;
        this.gaugeRegistry = gaugeRegistry;
        this.configurationProvider = configurationProvider;
        this.accepted = metricFactory.generate("imsa.connectionControl.accepted");
        this.refused = metricFactory.generate("imsa.connectionControl.refused");
    }

    /**
     * For unit tests: no gauge registry, and no smtpserver.xml, so whether a PROXY header is expected is unknown
     * and assumed.
     */
    ConnectionControlHandler(FileSystem fileSystem, MetricFactory metricFactory) {
        this(fileSystem, metricFactory, new NoopGaugeRegistry(), (component, level) -> new BaseHierarchicalConfiguration());
    }

    private static Response refusal() {
        SMTPResponse response = new SMTPResponse(SMTPRetCode.TRANSACTION_FAILED,
            DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_AUTH) + " Connection refused by policy");
        response.setEndSession(true);
        return response.immutable();
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        // James loads the handler chain before it binds the port: registered here, the engine serves every handshake.
        IncomingTlsEngine.applyOnce(IncomingTlsEngine.Caller.HANDLERS);
        initProxyAndLogging(config);
        PolicySource source = PolicySource.fromConfiguration(config, fileSystem);
        // Taken before the first read, so that a write during it is seen as a change and applied.
        FileState baseline = source.listFile().map(FileState::of).orElse(null);
        PolicyGeneration first;
        try {
            // An invalid policy must stop James from starting: running without it would fail open.
            first = source.build(null);
        } catch (ListFileException e) {
            throw new ConfigurationException("ConnectionControlHandler: " + e.getMessage(), e);
        }
        policy = first.policy();
        stats.policyInstalled(policy);
        if (policy.size() == 0 && policy.mode() == PolicyMode.DENY_ALL_EXCEPT) {
            // Legal (it fails closed), but an empty import is more often an accident than a wish.
            LOGGER.warn("ConnectionControlHandler: deny-all-except with an empty list refuses every client");
        }
        LOGGER.info("IMSA connection control: {}", first.describe());
        long interval = config.getLong(WATCH_INTERVAL, DEFAULT_WATCH_INTERVAL_MILLIS);
        long readTimeout = config.getLong(READ_TIMEOUT, DEFAULT_READ_TIMEOUT_SECONDS);
        if (readTimeout < 1) {
            throw new ConfigurationException("ConnectionControlHandler: <" + READ_TIMEOUT + "> must be positive");
        }
        if (interval > 0 && source.listFile().isPresent()) {
            watcher = new ListFileWatcher(source.listFile().get(), baseline, first, source::build, this::install,
                Duration.ofSeconds(readTimeout), metricFactory, gaugeRegistry);
            watcher.start(Duration.ofMillis(interval));
        }
    }

    /** The trusted proxies, whether this server expects a PROXY header, and how refusals are logged. */
    private void initProxyAndLogging(Configuration config) throws ConfigurationException {
        trustedProxies = TrustedProxies.fromConfiguration(config);
        ProxyServerCheck servers = new ProxyServerCheck(configurationProvider);
        servers.requireTrustedProxiesWherever(ConnectionControlHandler.class.getName());
        expectsProxyHeader = servers.proxyRequiredFor(ConnectionControlHandler.class.getName(), config);
        refusalLog = RefusalLog.fromConfiguration(config, LOGGER, "connections");
    }

    /** Mode and entries in one object, swapped in one write: a connection sees the old policy or the new one. */
    private void install(PolicyGeneration generation) {
        stats.policyInstalled(generation.policy());
        policy = generation.policy();
    }

    /** The watcher, for tests that drive its polls; null when the list file is not watched. */
    ListFileWatcher watcher() {
        return watcher;
    }

    @Override
    public void destroy() {
        if (watcher != null) {
            watcher.close();
        }
    }

    @Override
    public Response onConnect(SMTPSession session) {
        if (behindProxy(session)) {
            // Before the PROXY header is read; James 3.8.1's session would give the header's address after it.
            InetAddress peer = ((ProtocolSessionImpl) session).getProtocolTransport().getRemoteAddress().getAddress();
            if (!expectsProxyHeader) {
                // init read smtpserver.xml otherwise, so no command would meet the decision: fail closed.
                if (!proxyMismatchLogged) {
                    proxyMismatchLogged = true;
                    LOGGER.error("This SMTP server reads a PROXY header, but smtpserver.xml did not say so for this"
                        + " handler when James started: refusing every client until James is restarted");
                }
                refused.increment();
                refusalLog.refused(peer.getHostAddress(), "Refused connection from {}: PROXY header not expected"
                    + " at start-up", peer.getHostAddress());
                return REFUSED;
            }
            if (!trustedProxies.trusts(peer)) {
                refused.increment();
                refusalLog.refused(peer.getHostAddress(), "Refused connection from {}: not a trusted proxy, and this"
                    + " port expects a PROXY header", peer.getHostAddress());
                return REFUSED;
            }
            session.setAttachment(DECISION_PENDING, Boolean.TRUE, State.Connection);
            return SilentResponse.INSTANCE;
        }
        return decide(session);
    }

    @Override
    public Collection<String> getImplCommands() {
        // Only a proxied client is decided on a command; elsewhere no command of another handler is shadowed.
        return expectsProxyHeader ? EVERY_COMMAND : List.of();
    }

    @Override
    public Response onCommand(SMTPSession session, Request request) {
        if (session.removeAttachment(DECISION_PENDING, State.Connection).isEmpty()) {
            return null;
        }
        Response response = decide(session);
        return response.isEndSession() ? response : null;
    }

    /** James 3.8.1 tells whether a PROXY header is expected only through the session's transport. */
    private static boolean behindProxy(SMTPSession session) {
        return session instanceof ProtocolSessionImpl
            && ((ProtocolSessionImpl) session).getProtocolTransport().isProxyRequired();
    }

    private Response decide(SMTPSession session) {
        InetAddress client = session.getRemoteAddress().getAddress();
        ConnectionPolicy current = policy; // one read: a reload may swap it meanwhile
        Decision decision = current.decide(client);
        if (decision.accepted()) {
            accepted.increment();
            stats.accepted();
            if (LOGGER.isDebugEnabled()) { // the arguments cost more than the decision
                LOGGER.debug("Accepted connection from {} (matched {})", client.getHostAddress(),
                    decision.matchedEntry());
            }
            return SilentResponse.INSTANCE;
        }
        refused.increment();
        stats.refused(current, client, decision.block());
        refusalLog.refused(client.getHostAddress(), "Refused connection from {} by {} policy (matched {})",
            client.getHostAddress(), current.mode().setting(), decision.matchedEntry());
        return REFUSED;
    }
}
