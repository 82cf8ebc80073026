package org.imsajames.outgoing;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;

import javax.net.ssl.SSLSocketFactory;

import org.apache.james.dnsservice.api.DNSService;

/**
 * The one policy cache of this James, shared by the matcher that routes enforced domains and by every
 * MtaStsRemoteDelivery. DNS (the TXT record and the policy host's address) goes through James's DNSService, so
 * dnsservice.xml holds; the policy host's certificate is checked against the JVM's trust store.
 */
final class MtaStsPolicies {
    /** RFC 8461 section 3.3 asks senders to bound the fetch; a minute, as common senders do. */
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(60);
    private static MtaStsPolicyCache shared;

    private MtaStsPolicies() {
    }

    static synchronized MtaStsPolicyCache shared(DNSService dns) {
        if (shared == null) {
            shared = new MtaStsPolicyCache(
                    name -> TxtStrings.values(dns.findTXTRecords(name)),
                    new HttpsPolicyFetcher(host -> new ArrayList<>(dns.getAllByName(host)),
                            (SSLSocketFactory) SSLSocketFactory.getDefault(), 443, FETCH_TIMEOUT),
                    Clock.systemUTC());
        }
        return shared;
    }
}
