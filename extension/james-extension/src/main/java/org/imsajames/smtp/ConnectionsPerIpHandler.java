package org.imsajames.smtp;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.api.handler.DisconnectHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.imsajames.handlerconf.HandlerVocabulary;

/**
 * At most N simultaneous connections from one client address. The one over the limit gets
 * {@code 421 4.7.0} and is closed, so a well-behaved client knows to retry later; James's own
 * {@code connectionLimitPerIP} closes such connections without a word.
 *
 * <pre>
 * &lt;handler class="org.imsajames.smtp.ConnectionsPerIpHandler"&gt;
 *   &lt;maxConnectionsPerIp&gt;10&lt;/maxConnectionsPerIp&gt;
 *   &lt;refusalLogIntervalSeconds&gt;60&lt;/refusalLogIntervalSeconds&gt;   (see {@link RefusalLog})
 * &lt;/handler&gt;
 * </pre>
 */
public class ConnectionsPerIpHandler implements ConnectHandler<SMTPSession>, DisconnectHandler<SMTPSession> {
    private static final Logger LOGGER = LoggerFactory.getLogger(ConnectionsPerIpHandler.class);

    static final String MAX_CONNECTIONS_PER_IP = HandlerVocabulary.MAX_CONNECTIONS_PER_IP;
    static final Response TOO_MANY_CONNECTIONS = tooMany();

    /** Marks a session as counted, so that its disconnect gives back exactly what its connect took. */
    private static final AttachmentKey<InetAddress> COUNTED_AS = AttachmentKey.of("imsa.perIp.countedAs", InetAddress.class);

    private final ConcurrentMap<InetAddress, Integer> openConnections = new ConcurrentHashMap<>();
    private int maxConnectionsPerIp;
    private RefusalLog refusalLog = RefusalLog.withDefaults(LOGGER, "connections over the limit");

    private static Response tooMany() {
        SMTPResponse response = new SMTPResponse(SMTPRetCode.SERVICE_NOT_AVAILABLE,
            DSNStatus.getStatus(DSNStatus.TRANSIENT, DSNStatus.SECURITY_OTHER)
                + " Too many connections from your address, try again later");
        response.setEndSession(true);
        return response.immutable();
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        maxConnectionsPerIp = config.getInt(MAX_CONNECTIONS_PER_IP, 0);
        if (maxConnectionsPerIp < 1) {
            throw new ConfigurationException("ConnectionsPerIpHandler: <" + MAX_CONNECTIONS_PER_IP
                + "> must be a whole number of at least 1");
        }
        refusalLog = RefusalLog.fromConfiguration(config, LOGGER, "connections over the limit");
    }

    @Override
    public Response onConnect(SMTPSession session) {
        InetAddress client = session.getRemoteAddress().getAddress();
        int open = openConnections.merge(client, 1, Integer::sum);
        session.setAttachment(COUNTED_AS, client, State.Connection);
        if (open > maxConnectionsPerIp) {
            refusalLog.refused(client.getHostAddress(), "Refused connection from {}: {} open, limit {}",
                client.getHostAddress(), open, maxConnectionsPerIp);
            return TOO_MANY_CONNECTIONS;
        }
        return SilentResponse.INSTANCE;
    }

    @Override
    public void onDisconnect(SMTPSession session) {
        session.getAttachment(COUNTED_AS, State.Connection).ifPresent(client ->
            openConnections.computeIfPresent(client, (address, open) -> open == 1 ? null : open - 1));
    }

    int openConnections(InetAddress client) {
        return openConnections.getOrDefault(client, 0);
    }
}
