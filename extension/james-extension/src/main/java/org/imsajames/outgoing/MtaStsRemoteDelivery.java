package org.imsajames.outgoing;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.transport.mailets.RemoteDelivery;

/**
 * James's RemoteDelivery, unchanged, given a DNSService that applies MTA-STS to the MX hosts (see
 * {@link MtaStsDnsService}). Parameter {@code mtaSts}: off, testing or enforce. Whether this copy verifies
 * certificates is read from the same parameters RemoteDelivery reads (startTLS, verifyServerIdentity, no
 * mail.smtp.ssl.trust, mail.smtp.starttls.required).
 */
public class MtaStsRemoteDelivery extends RemoteDelivery {
    private final MtaStsDnsService dns;

    @Inject
    public MtaStsRemoteDelivery(DNSService dnsServer, DomainList domainList, MailQueueFactory<?> queueFactory,
                                MetricFactory metricFactory) {
        this(new MtaStsDnsService(dnsServer, MtaStsPolicies.shared(dnsServer), metricFactory), domainList,
                queueFactory, metricFactory);
    }

    private MtaStsRemoteDelivery(MtaStsDnsService dns, DomainList domainList, MailQueueFactory<?> queueFactory,
                                 MetricFactory metricFactory) {
        super(dns, domainList, queueFactory, metricFactory);
        this.dns = dns;
    }

    @Override
    public void init() throws MessagingException {
        MtaStsSetting setting;
        try {
            setting = MtaStsSetting.fromParameter(getInitParameter("mtaSts"));
        } catch (IllegalArgumentException e) {
            throw new MessagingException(e.getMessage());
        }
        dns.configure(setting, verifiesCertificates());
        super.init();
    }

    private boolean verifiesCertificates() {
        return "true".equals(getInitParameter("startTLS"))
                && !"false".equals(getInitParameter("verifyServerIdentity"))
                && getInitParameter("mail.smtp.ssl.trust") == null
                && "true".equals(getInitParameter("mail.smtp.starttls.required"));
    }

    @Override
    public String getMailetInfo() {
        return "RemoteDelivery with MTA-STS (imsa-james)";
    }
}
