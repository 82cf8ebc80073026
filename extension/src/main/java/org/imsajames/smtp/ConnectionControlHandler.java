package org.imsajames.smtp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
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
import org.imsajames.policy.ConnectionPolicy;
import org.imsajames.policy.Decision;
import org.imsajames.policy.ListFileException;
import org.imsajames.policy.PolicyMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IMSA "Connection Control": decides, when the TCP connection opens and before the greeting, whether the client
 * may talk to this SMTP server at all. A refused client gets {@code 554 5.7.1} and the connection is closed.
 *
 * <pre>
 * &lt;handler class="org.imsajames.smtp.ConnectionControlHandler"&gt;
 *   &lt;policy&gt;accept-all-except&lt;/policy&gt;   (or deny-all-except)
 *   &lt;listFile&gt;file://conf/imsa-connection-control.list&lt;/listFile&gt;   (optional)
 *   &lt;entry&gt;192.168.2.0:255.255.255.0&lt;/entry&gt;   (optional, repeatable)
 *   &lt;watchIntervalMillis&gt;500&lt;/watchIntervalMillis&gt;   (how often the list file is checked; 0: never)
 * &lt;/handler&gt;
 * </pre>
 *
 * <p>A changed list file takes effect without restarting James; an invalid one keeps the previous policy.
 *
 * <p>Behind a proxy ({@code <proxyRequired>true</proxyRequired>}) the client's address is known only once the
 * PROXY header has been read, which James 3.8.1 does after the greeting: the decision then waits for the
 * client's first command, and a refused client gets the 554 in answer to it.
 */
public class ConnectionControlHandler implements ConnectHandler<SMTPSession>, CommandHandler<SMTPSession> {
    private static final Logger LOGGER = LoggerFactory.getLogger(ConnectionControlHandler.class);

    static final Response REFUSED = refusal();
    static final String WATCH_INTERVAL = "watchIntervalMillis";
    /** Every command James 3.8.1 answers, so that whatever a proxied client says first meets the decision. */
    static final List<String> EVERY_COMMAND = List.of("EHLO", "HELO", "MAIL", "RCPT", "DATA", "AUTH", "VRFY",
        "EXPN", "NOOP", "RSET", "QUIT", "HELP", "STARTTLS", UnknownCommandHandler.COMMAND_IDENTIFIER);
    private static final AttachmentKey<Boolean> DECISION_PENDING =
        AttachmentKey.of("imsa.connectionControl.pending", Boolean.class);
    private static final long DEFAULT_WATCH_INTERVAL_MILLIS = 500;

    private final FileSystem fileSystem;
    private final Metric accepted;
    private final Metric refused;
    private volatile ConnectionPolicy policy;
    private ListFileWatcher<ConnectionPolicy> watcher;

    @Inject
    public ConnectionControlHandler(FileSystem fileSystem, MetricFactory metricFactory) {
        this.fileSystem = fileSystem;
        this.accepted = metricFactory.generate("imsa.connectionControl.accepted");
        this.refused = metricFactory.generate("imsa.connectionControl.refused");
    }

    private static Response refusal() {
        SMTPResponse response = new SMTPResponse(SMTPRetCode.TRANSACTION_FAILED,
            DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_AUTH) + " Connection refused by policy");
        response.setEndSession(true);
        return response.immutable();
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        PolicySource source = PolicySource.fromConfiguration(config, fileSystem);
        try {
            // An invalid policy must stop James from starting: running without it would fail open.
            policy = source.build();
        } catch (ListFileException e) {
            throw new ConfigurationException("ConnectionControlHandler: " + e.getMessage(), e);
        }
        if (policy.size() == 0 && source.mode() == PolicyMode.DENY_ALL_EXCEPT) {
            // Legal (it fails closed), but an empty import is more often an accident than a wish.
            LOGGER.warn("ConnectionControlHandler: deny-all-except with an empty list refuses every client");
        }
        LOGGER.info("IMSA connection control: {} with {} blocks", policy.mode().setting(), policy.size());
        long interval = config.getLong(WATCH_INTERVAL, DEFAULT_WATCH_INTERVAL_MILLIS);
        if (interval > 0 && source.listFile().isPresent()) {
            watcher = new ListFileWatcher<>(source.listFile().get(), source::build, this::install);
            watcher.start(Duration.ofMillis(interval));
        }
    }

    private void install(ConnectionPolicy newPolicy) {
        policy = newPolicy;
        LOGGER.info("IMSA connection control now {} with {} blocks", newPolicy.mode().setting(), newPolicy.size());
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
            session.setAttachment(DECISION_PENDING, Boolean.TRUE, State.Connection);
            return SilentResponse.INSTANCE;
        }
        return decide(session);
    }

    @Override
    public Collection<String> getImplCommands() {
        return EVERY_COMMAND;
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
            if (LOGGER.isDebugEnabled()) { // the arguments cost more than the decision
                LOGGER.debug("Accepted connection from {} (matched {})", client.getHostAddress(),
                    decision.matchedEntry());
            }
            return SilentResponse.INSTANCE;
        }
        refused.increment();
        LOGGER.info("Refused connection from {} by {} policy (matched {})",
            client.getHostAddress(), current.mode().setting(), decision.matchedEntry());
        return REFUSED;
    }
}
