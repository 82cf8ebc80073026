package org.imsajames.smtp;

import java.net.InetAddress;
import java.util.List;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.imsajames.handlerconf.HandlerVocabulary;
import org.imsajames.policy.AddressMatcher;
import org.imsajames.policy.EntryParser;
import org.imsajames.policy.InvalidEntryException;

/**
 * The proxies whose PROXY header is believed ({@code <trustedProxy>} elements of the handler, same syntax as
 * {@code <entry>}). James 3.8.1 believes the header from anyone who can reach a {@code proxyRequired} port, so a
 * client that connects directly could name any address as its own; we refuse such a client before reading it.
 */
final class TrustedProxies {
    static final String TRUSTED_PROXY = HandlerVocabulary.TRUSTED_PROXY;
    static final TrustedProxies NONE = new TrustedProxies(AddressMatcher.of(List.of()));

    private final AddressMatcher proxies;

    private TrustedProxies(AddressMatcher proxies) {
        this.proxies = proxies;
    }

    static TrustedProxies fromConfiguration(Configuration config) throws ConfigurationException {
        AddressMatcher.Builder proxies = AddressMatcher.builder();
        for (String text : config.getList(String.class, TRUSTED_PROXY, List.of())) {
            try {
                proxies.add(EntryParser.parse(text, "smtpserver.xml <" + TRUSTED_PROXY + ">"));
            } catch (InvalidEntryException e) {
                throw new ConfigurationException("ConnectionControlHandler: <" + TRUSTED_PROXY + ">: " + e.getMessage(), e);
            }
        }
        return new TrustedProxies(proxies.build());
    }

    /** Whether a TCP peer may send a PROXY header; no one, when none is listed. */
    boolean trusts(InetAddress peer) {
        return proxies.indexOf(peer) != AddressMatcher.NO_MATCH;
    }

    boolean isEmpty() {
        return proxies.size() == 0;
    }
}
