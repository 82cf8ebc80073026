package org.imsajames.outgoing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.imsajames.policy.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per delivery attempt to a domain with an MTA-STS policy, once James has decided what becomes of the
 * mail: domain, policy id and mode, the MX host reached, the TLS version (or none), and the outcome: delivered,
 * deferred (retried later) or bounced with the reason. Where the policy is not enforced (its mode testing, or our
 * setting testing), every failure enforce would have refused is listed and counted
 * ({@code imsa.mtaSts.testingFailures}, once per attempt): an MX host outside the policy, a connection without
 * TLS, a certificate not trusted or not for the MX name.
 */
final class MtaStsDecisionLog implements AttemptRecordingMailQueueFactory.AttemptEndListener {
    private static final Logger LOGGER = LoggerFactory.getLogger(MtaStsDecisionLog.class);
    /** Set by James's Bouncer on the mail it sends to the bounce processor. */
    static final AttributeName DELIVERY_ERROR = AttributeName.of("delivery-error");
    private static final int REASON_CUT = 300;

    private final Metric testingFailures;
    private final PeerCertificateCheck certificates;
    private final boolean startsTls;

    MtaStsDecisionLog(MetricFactory metrics, PeerCertificateCheck certificates, boolean startsTls) {
        this.testingFailures = metrics.generate("imsa.mtaSts.testingFailures");
        this.certificates = certificates;
        this.startsTls = startsTls;
    }

    /** The delivery-error attribute as it was before the attempt: a bounce sets a new one. */
    static Optional<Attribute> deliveryError(Mail mail) {
        return mail.getAttribute(DELIVERY_ERROR);
    }

    @Override
    public void attemptEnded(Mail mail, DeliveryAttempt attempt) {
        Optional<MtaStsDecision> found = attempt.decision();
        if (found.isEmpty()) {
            return;
        }
        MtaStsDecision decision = found.get();
        List<DeliveryAttempt.Connection> connections = attempt.connections();
        StringBuilder line = new StringBuilder("MTA-STS ").append(decision.domain()).append(" policy id ")
                .append(decision.policy().id()).append(" mode ").append(decision.mode())
                .append(decision.enforced() ? " (enforced)" : " (not enforced: reported only)");
        if (connections.isEmpty()) {
            line.append(": MX none contacted, TLS none");
        } else {
            DeliveryAttempt.Connection last = connections.get(connections.size() - 1);
            line.append(": MX ").append(attempt.mxName(last)).append(", TLS ").append(last.tlsVersion());
            if (connections.size() > 1) {
                List<String> earlier = new ArrayList<>();
                for (DeliveryAttempt.Connection connection : connections.subList(0, connections.size() - 1)) {
                    earlier.add(attempt.mxName(connection) + " TLS " + connection.tlsVersion());
                }
                line.append(" (tried before: ").append(earlier).append(')');
            }
        }
        line.append(", outcome ").append(outcome(mail, attempt, decision));
        List<String> failures = decision.enforced() ? List.of() : failuresEnforceWouldRefuse(decision, attempt);
        if (!failures.isEmpty()) {
            testingFailures.increment();
            line.append("; enforce would have refused: ").append(failures)
                    .append(attempt.wasRequeued() ? "" : "; delivered anyway (testing)");
            LOGGER.warn("{}", line);
        } else if (attempt.wasRequeued() || decision.refusal().isPresent()) {
            LOGGER.warn("{}", line);
        } else {
            LOGGER.info("{}", line);
        }
    }

    private static String outcome(Mail mail, DeliveryAttempt attempt, MtaStsDecision decision) {
        if (attempt.wasRequeued()) {
            return "deferred (retried later)" + decision.refusal().map(reason -> ": " + reason).orElse("");
        }
        Optional<Attribute> error = deliveryError(mail);
        if (error.isPresent() && !error.equals(attempt.deliveryErrorBefore())) {
            String reason = String.valueOf(error.get().getValue().value());
            String shown = LogText.escaped(reason.length() > REASON_CUT ? reason.substring(0, REASON_CUT) + "..." : reason);
            return "bounced: " + shown;
        }
        if (!mail.hasSender()) {
            return "delivered, or given up (a mail without sender is not bounced)";
        }
        return "delivered";
    }

    private List<String> failuresEnforceWouldRefuse(MtaStsDecision decision, DeliveryAttempt attempt) {
        List<String> failures = new ArrayList<>();
        if (decision.allowed().isEmpty()) {
            failures.add("no MX host matches the policy (MX " + decision.mx() + ")");
        }
        for (DeliveryAttempt.Connection connection : attempt.connections()) {
            String mx = attempt.mxName(connection);
            if (!decision.policy().policy().allowsMx(mx)) {
                failures.add("MX " + mx + " is not in the policy");
            }
            Optional<String> tlsProblem = connection.tls()
                    .map(tls -> connection.tlsVersion().startsWith("none") ? Optional.of("TLS handshake failed")
                            : certificates.problem(tls.getSession(), mx))
                    .orElse(Optional.of(startsTls ? "no STARTTLS" : "sent without STARTTLS (this level does not use it)"));
            tlsProblem.ifPresent(problem -> failures.add("MX " + mx + ": " + problem));
        }
        return failures;
    }
}
