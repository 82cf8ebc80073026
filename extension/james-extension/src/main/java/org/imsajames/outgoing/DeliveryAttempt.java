package org.imsajames.outgoing;

import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLSocket;

import org.apache.mailet.Attribute;
import org.apache.mailet.Mail;

/**
 * What one RemoteDelivery attempt of one mail did, as seen from the inside of James's delivery thread: the MTA-STS
 * decision our DNSService took, the MX addresses it resolved, each connection JavaMail opened (through our socket
 * factories) and whether STARTTLS ran on it, and whether James put the mail back for a retry. RemoteDelivery runs an
 * attempt start to end on one thread (DeliveryRunnable.processMail), so the attempt lives in a thread local between
 * the queue item's getMail() and its done().
 */
final class DeliveryAttempt {
    private static final ThreadLocal<DeliveryAttempt> CURRENT = new ThreadLocal<>();

    private final Map<String, String> mxNameByAddress = new ConcurrentHashMap<>();
    private final List<Connection> connections = new ArrayList<>();
    private MtaStsDecision decision;
    private boolean requeued;
    private Optional<Attribute> deliveryErrorBefore = Optional.empty();

    static DeliveryAttempt begin() {
        DeliveryAttempt attempt = new DeliveryAttempt();
        CURRENT.set(attempt);
        return attempt;
    }

    static Optional<DeliveryAttempt> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    static void end() {
        CURRENT.remove();
    }

    /** The mail as DeliveryRunnable took it: what a bounce in this attempt will have changed. */
    void taken(Mail mail) {
        deliveryErrorBefore = MtaStsDecisionLog.deliveryError(mail);
    }

    Optional<Attribute> deliveryErrorBefore() {
        return deliveryErrorBefore;
    }

    void decided(MtaStsDecision decision) {
        this.decision = decision;
    }

    Optional<MtaStsDecision> decision() {
        return Optional.ofNullable(decision);
    }

    void resolved(String mxHost, Collection<InetAddress> addresses) {
        for (InetAddress address : addresses) {
            mxNameByAddress.putIfAbsent(address.getHostAddress(), withoutTrailingDot(mxHost));
        }
    }

    /** DNS answers name hosts absolutely ("mx.example.com."); policies and certificates name them without the dot. */
    static String withoutTrailingDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    synchronized void connecting(Socket socket) {
        connections.add(new Connection(socket));
    }

    /** STARTTLS on the connection opened last: JavaMail's connections of one attempt follow one another. */
    synchronized void startedTls(SSLSocket tls) {
        if (connections.isEmpty()) {
            connections.add(new Connection(tls));
        }
        connections.get(connections.size() - 1).tls = tls;
    }

    void requeued() {
        requeued = true;
    }

    boolean wasRequeued() {
        return requeued;
    }

    synchronized List<Connection> connections() {
        return List.copyOf(connections);
    }

    /** The MX host name for a connection, as our DNSService resolved it; the address when it did not. */
    String mxName(Connection connection) {
        return connection.address().map(address -> mxNameByAddress.getOrDefault(address, address)).orElse("?");
    }

    /** One TCP connection of the attempt and, once STARTTLS ran, its TLS socket. */
    static final class Connection {
        private final Socket socket;
        private volatile SSLSocket tls;

        private Connection(Socket socket) {
            this.socket = socket;
        }

        /** The peer's address; kept by Socket after close. */
        Optional<String> address() {
            InetAddress address = socket.getInetAddress();
            return Optional.ofNullable(address).map(InetAddress::getHostAddress);
        }

        Optional<SSLSocket> tls() {
            return Optional.ofNullable(tls);
        }

        /** The TLS version negotiated, or "none": no STARTTLS, or a handshake that did not complete. */
        String tlsVersion() {
            if (tls == null) {
                return "none";
            }
            // After close, getSession() returns the session the handshake made (protocol NONE if it failed).
            String protocol = tls.getSession().getProtocol();
            return protocol == null || protocol.equals("NONE") ? "none (handshake failed)" : protocol;
        }
    }
}
