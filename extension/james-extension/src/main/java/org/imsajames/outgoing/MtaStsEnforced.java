package org.imsajames.outgoing;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.mailet.base.GenericRecipientMatcher;

/**
 * Matches the recipients whose domain has an MTA-STS policy in mode enforce now (fetching it on first sight),
 * so the generated relay processor can send them to the RemoteDelivery that verifies certificates.
 */
public class MtaStsEnforced extends GenericRecipientMatcher {
    private final DNSService dns;
    private final FileSystem fileSystem;
    private MtaStsPolicyCache policies;

    @Inject
    public MtaStsEnforced(DNSService dns, FileSystem fileSystem) {
        this.dns = dns;
        this.fileSystem = fileSystem;
    }

    @Override
    public void init() throws MessagingException {
        policies = MtaStsPolicies.shared(dns, fileSystem);
    }

    @Override
    public boolean matchRecipient(MailAddress recipient) {
        return policies.policyFor(recipient.getDomain().asString())
                .map(policy -> policy.policy().mode() == MtaStsMode.ENFORCE).orElse(false);
    }
}
