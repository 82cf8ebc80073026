package org.imsajames.bench.comparison;

/** A kind of load, run against several servers in the same rounds. */
enum Scenario {
    FULL_TLS("full sessions with STARTTLS (EHLO, STARTTLS, EHLO, MAIL, RCPT, DATA 1 KiB, QUIT), allowed clients"),
    REFUSED("connect of listed clients: read the 554, hang up");

    final String description;

    Scenario(String description) {
        this.description = description;
    }
}
