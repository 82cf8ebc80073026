package org.imsajames.bench.comparison;

/** A kind of load, run against several servers in the same rounds. */
enum Scenario {
    FULL_TLS_RSA("full sessions with STARTTLS (EHLO, STARTTLS, EHLO, MAIL, RCPT, DATA 1 KiB, QUIT), allowed clients, "
        + "RSA-2048 certificate", true),
    FULL_TLS_EC("the same full sessions, ECDSA P-256 certificate", true),
    REFUSED("connect of listed clients: read the 554, hang up; no DNS server (nothing answers on port 53)", false),
    REFUSED_SLOW_DNS("the same refusals while the namespace's DNS server answers every PTR query after 2 s", false);

    final String description;
    final boolean tls;

    Scenario(String description, boolean tls) {
        this.description = description;
        this.tls = tls;
    }
}
