package org.imsajames.outgoing;

/** The {@code mode} of an MTA-STS policy (RFC 8461 section 5). */
public enum MtaStsMode {
    /** Deliver only to MX hosts matching the policy, over TLS with a certificate valid for the MX name. */
    ENFORCE,
    /** Deliver as usual; report (here: log and count) what enforce would have refused. */
    TESTING,
    /** The domain withdraws its policy. */
    NONE
}
