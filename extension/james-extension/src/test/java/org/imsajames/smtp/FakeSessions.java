package org.imsajames.smtp;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import org.apache.james.protocols.api.ProtocolTransport;
import org.apache.james.protocols.smtp.SMTPConfiguration;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.SMTPSessionImpl;

/**
 * James's own SMTPSessionImpl over a stand-in transport that knows only the client address, whether TLS is up and
 * whether the server reads a PROXY header; anything else it is asked fails loudly.
 */
final class FakeSessions {
    private FakeSessions() {
    }

    static SMTPSession from(String clientAddress, boolean tlsStarted) throws UnknownHostException {
        return from(clientAddress, tlsStarted, false);
    }

    /** With proxyRequired, {@code setProxyInformation(...)} then plays the PROXY header's arrival, as in James. */
    static SMTPSession from(String clientAddress, boolean tlsStarted, boolean proxyRequired) throws UnknownHostException {
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName(clientAddress), 40000);
        ProtocolTransport transport = stub(ProtocolTransport.class, (name) -> {
            switch (name) {
                case "getRemoteAddress":
                    return remote;
                case "isTLSStarted":
                    return tlsStarted;
                case "isProxyRequired":
                    return proxyRequired;
                default:
                    throw new UnsupportedOperationException(name);
            }
        });
        SMTPConfiguration configuration = stub(SMTPConfiguration.class, (name) -> {
            if (name.equals("isRelayingAllowed")) {
                return false; // asked by SMTPSessionImpl's constructor
            }
            throw new UnsupportedOperationException(name);
        });
        return new SMTPSessionImpl(transport, configuration);
    }

    private interface Answer {
        Object answer(String methodName);
    }

    private static <T> T stub(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(FakeSessions.class.getClassLoader(), new Class<?>[] {type},
            (proxy, method, args) -> answer.answer(method.getName())));
    }
}
