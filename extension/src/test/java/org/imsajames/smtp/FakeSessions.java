package org.imsajames.smtp;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import org.apache.james.protocols.smtp.SMTPSession;

/** An SMTPSession stand-in that knows only its client address and whether TLS is up; anything else fails loudly. */
final class FakeSessions {
    private FakeSessions() {
    }

    static SMTPSession from(String clientAddress, boolean tlsStarted) throws UnknownHostException {
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName(clientAddress), 40000);
        return (SMTPSession) Proxy.newProxyInstance(FakeSessions.class.getClassLoader(), new Class<?>[] {SMTPSession.class},
            (proxy, method, args) -> {
                switch (method.getName()) {
                    case "getRemoteAddress":
                        return remote;
                    case "isTLSStarted":
                        return tlsStarted;
                    default:
                        throw new UnsupportedOperationException(method.getName());
                }
            });
    }
}
