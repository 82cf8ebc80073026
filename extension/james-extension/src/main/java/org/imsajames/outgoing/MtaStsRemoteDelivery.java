package org.imsajames.outgoing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.transport.mailets.RemoteDelivery;
import org.apache.mailet.MailetConfig;
import org.apache.mailet.MailetContext;

/**
 * James's RemoteDelivery, unchanged in what it delivers, built with
 * <ul>
 * <li>a DNSService that applies MTA-STS to the MX hosts (see {@link MtaStsDnsService}),</li>
 * <li>a mail queue factory whose items bracket each delivery attempt ({@link AttemptRecordingMailQueueFactory}),
 * so {@link MtaStsDecisionLog} writes one line per attempt with the outcome,</li>
 * <li>JavaMail socket factories of ours ({@link RecordingSocketFactory}, {@link RecordingSslSocketFactory} or
 * {@link RecordingTrustAllSslSocketFactory}, added to the mailet's parameters as JavaMail's
 * {@code mail.smtp.socketFactory.class} and {@code mail.smtp.ssl.socketFactory.class}) that note each connection
 * and its TLS session for that line.</li>
 * </ul>
 * Parameter {@code mtaSts}: off, testing or enforce. Whether this copy verifies certificates is read from the same
 * parameters RemoteDelivery reads (startTLS, verifyServerIdentity, no mail.smtp.ssl.trust,
 * mail.smtp.starttls.required).
 */
public class MtaStsRemoteDelivery extends RemoteDelivery {
    static final String SOCKET_FACTORY = "mail.smtp.socketFactory.class";
    static final String SSL_SOCKET_FACTORY = "mail.smtp.ssl.socketFactory.class";
    private static final String SSL_TRUST = "mail.smtp.ssl.trust";

    private final MtaStsDnsService dns;
    private final DNSService jamesDns;
    private final FileSystem fileSystem;
    private final MetricFactory metrics;
    private final DecisionLogHolder decisionLog;
    private MailetConfig config;

    @Inject
    public MtaStsRemoteDelivery(DNSService dnsServer, DomainList domainList, MailQueueFactory<?> queueFactory,
                                MetricFactory metricFactory, FileSystem fileSystem) {
        this(new MtaStsDnsService(dnsServer, metricFactory), dnsServer, fileSystem, domainList, queueFactory,
                metricFactory, new DecisionLogHolder());
    }

    private MtaStsRemoteDelivery(MtaStsDnsService dns, DNSService jamesDns, FileSystem fileSystem,
                                 DomainList domainList, MailQueueFactory<?> queueFactory, MetricFactory metricFactory,
                                 DecisionLogHolder decisionLog) {
        super(dns, domainList, new AttemptRecordingMailQueueFactory(queueFactory, decisionLog), metricFactory);
        this.dns = dns;
        this.jamesDns = jamesDns;
        this.fileSystem = fileSystem;
        this.metrics = metricFactory;
        this.decisionLog = decisionLog;
    }

    @Override
    public void init() throws MessagingException {
        MtaStsSetting setting;
        try {
            setting = MtaStsSetting.fromParameter(getInitParameter("mtaSts"));
        } catch (IllegalArgumentException e) {
            throw new MessagingException(e.getMessage());
        }
        boolean startsTls = "true".equals(getInitParameter("startTLS"));
        dns.configure(setting, verifiesCertificates(), MtaStsPolicies.shared(jamesDns, fileSystem));
        decisionLog.log = new MtaStsDecisionLog(metrics, PeerCertificateCheck.withJvmTrustStore(), startsTls);
        config = withRecordingSocketFactories(super.getMailetConfig());
        super.init();
    }

    /** RemoteDelivery reads its parameters (and JavaMail's) from here. */
    @Override
    public MailetConfig getMailetConfig() {
        return config != null ? config : super.getMailetConfig();
    }

    private boolean verifiesCertificates() {
        return "true".equals(getInitParameter("startTLS"))
                && !"false".equals(getInitParameter("verifyServerIdentity"))
                && getInitParameter(SSL_TRUST) == null
                && "true".equals(getInitParameter("mail.smtp.starttls.required"));
    }

    /**
     * The mailet's parameters plus our socket factories, unless the operator named factories of their own. Naming an
     * SSL factory makes JavaMail skip mail.smtp.ssl.trust, so the factory is the one that property would have built:
     * JVM trust store when it is absent, trust all for "*"; for a list of hosts none is added (no TLS version then).
     */
    private MailetConfig withRecordingSocketFactories(MailetConfig original) {
        List<String[]> added = new ArrayList<>();
        if (original.getInitParameter(SOCKET_FACTORY) == null
                && original.getInitParameter("mail.smtp.socketFactory") == null) {
            added.add(new String[] {SOCKET_FACTORY, RecordingSocketFactory.class.getName()});
        }
        String trust = original.getInitParameter(SSL_TRUST);
        if (original.getInitParameter(SSL_SOCKET_FACTORY) == null && (trust == null || trust.trim().equals("*"))) {
            added.add(new String[] {SSL_SOCKET_FACTORY, trust == null ? RecordingSslSocketFactory.class.getName()
                    : RecordingTrustAllSslSocketFactory.class.getName()});
        }
        return new MailetConfig() {
            @Override
            public String getInitParameter(String name) {
                for (String[] parameter : added) {
                    if (parameter[0].equals(name)) {
                        return parameter[1];
                    }
                }
                return original.getInitParameter(name);
            }

            @Override
            public Iterator<String> getInitParameterNames() {
                List<String> names = new ArrayList<>();
                original.getInitParameterNames().forEachRemaining(names::add);
                added.forEach(parameter -> names.add(parameter[0]));
                return names.iterator();
            }

            @Override
            public MailetContext getMailetContext() {
                return original.getMailetContext();
            }

            @Override
            public String getMailetName() {
                return original.getMailetName();
            }
        };
    }

    @Override
    public String getMailetInfo() {
        return "RemoteDelivery with MTA-STS (imsa-james)";
    }

    /** The log is made in init(), from the parameters; the queue factory is handed to James before that. */
    private static final class DecisionLogHolder implements AttemptRecordingMailQueueFactory.AttemptEndListener {
        private volatile MtaStsDecisionLog log;

        @Override
        public void attemptEnded(org.apache.mailet.Mail mail, DeliveryAttempt attempt) {
            MtaStsDecisionLog current = log;
            if (current != null) {
                current.attemptEnded(mail, attempt);
            }
        }
    }
}
