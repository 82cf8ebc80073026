package org.imsajames.smtp;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.james.protocols.smtp.SMTPSession;

/** An SMTPSession stand-in: its client address, whether TLS is up, and attachments; anything else fails loudly. */
final class FakeSessions {
    private FakeSessions() {
    }

    static SMTPSession from(String clientAddress, boolean tlsStarted) throws UnknownHostException {
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName(clientAddress), 40000);
        Map<Object, Object> attachments = new HashMap<>();
        return (SMTPSession) Proxy.newProxyInstance(FakeSessions.class.getClassLoader(), new Class<?>[] {SMTPSession.class},
            (proxy, method, args) -> {
                switch (method.getName()) {
                    case "getRemoteAddress":
                        return remote;
                    case "isTLSStarted":
                        return tlsStarted;
                    case "setAttachment":
                        return Optional.ofNullable(attachments.put(args[0], args[1]));
                    case "getAttachment":
                        return Optional.ofNullable(attachments.get(args[0]));
                    default:
                        throw new UnsupportedOperationException(method.getName());
                }
            });
    }
}
