package org.imsajames.outgoing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.mail.MessagingException;
import javax.net.ssl.SSLSocketFactory;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.filesystem.api.FileSystem;

/**
 * The one policy cache of this James, shared by the matcher that routes enforced domains and by every
 * MtaStsRemoteDelivery. DNS (the TXT record and the policy host's address) goes through James's DNSService, so
 * dnsservice.xml holds; the policy host's certificate is checked against the JVM's trust store. The cache is kept in
 * {@link MtaStsCacheFile#RELATIVE_PATH} under James's home and loaded from there at start; a file that cannot be
 * read stops James (the mailet's init fails, naming the file), since starting empty would drop the policies it held.
 */
final class MtaStsPolicies {
    /** RFC 8461 section 3.3 asks senders to bound the fetch; a minute, as common senders do. */
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(60);
    private static MtaStsPolicyCache shared;

    private MtaStsPolicies() {
    }

    static synchronized MtaStsPolicyCache shared(DNSService dns, FileSystem fileSystem) throws MessagingException {
        if (shared == null) {
            Path file;
            try {
                file = fileSystem.getBasedir().toPath().resolve(MtaStsCacheFile.RELATIVE_PATH);
            } catch (IOException e) {
                throw new MessagingException("MTA-STS: James's home folder is unknown: " + e.getMessage());
            }
            MtaStsCacheFile cacheFile = new MtaStsCacheFile(file);
            try {
                shared = new MtaStsPolicyCache(
                        name -> TxtStrings.values(dns.findTXTRecords(name)),
                        new HttpsPolicyFetcher(host -> new ArrayList<>(dns.getAllByName(host)),
                                (SSLSocketFactory) SSLSocketFactory.getDefault(), 443, FETCH_TIMEOUT),
                        Clock.systemUTC(), new MtaStsPolicyCache.PolicyStore() {
                            @Override
                            public List<MtaStsPolicyCache.CachedPolicy> load() throws IOException {
                                return cacheFile.read();
                            }

                            @Override
                            public void save(List<MtaStsPolicyCache.CachedPolicy> policies) throws IOException {
                                cacheFile.write(policies);
                            }
                        });
            } catch (IOException e) {
                throw new MessagingException("MTA-STS: the policy cache " + file + " cannot be read (" + e.getMessage()
                        + "); James does not start without the policies it held. Move the file aside to start with"
                        + " an empty cache");
            }
        }
        return shared;
    }
}
