package org.imsajames.smtp;

import java.net.InetAddress;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.imsajames.policy.ConnectionPolicy;
import org.imsajames.policy.Decision;
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
 * &lt;/handler&gt;
 * </pre>
 */
public class ConnectionControlHandler implements ConnectHandler<SMTPSession> {
    private static final Logger LOGGER = LoggerFactory.getLogger(ConnectionControlHandler.class);

    static final Response REFUSED = refusal();

    private final FileSystem fileSystem;
    private final Metric accepted;
    private final Metric refused;
    private volatile ConnectionPolicy policy;

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
        // An invalid policy must stop James from starting: running without it would fail open.
        policy = new PolicyConfiguration(fileSystem).load(config);
        LOGGER.info("IMSA connection control: {} with {} blocks", policy.mode().setting(), policy.size());
    }

    @Override
    public Response onConnect(SMTPSession session) {
        InetAddress client = session.getRemoteAddress().getAddress();
        Decision decision = policy.decide(client);
        if (decision.accepted()) {
            accepted.increment();
            LOGGER.debug("Accepted connection from {} (matched {})", client.getHostAddress(), decision.matchedEntry());
            return SilentResponse.INSTANCE;
        }
        refused.increment();
        LOGGER.info("Refused connection from {} by {} policy (matched {})",
            client.getHostAddress(), policy.mode().setting(), decision.matchedEntry());
        return REFUSED;
    }

    ConnectionPolicy policy() {
        return policy;
    }
}
