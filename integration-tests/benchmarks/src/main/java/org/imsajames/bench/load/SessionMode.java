package org.imsajames.bench.load;

/** What each client session does. */
public enum SessionMode {
    /** Connect and read the first reply; hang up after a refusal (554), or QUIT after a greeting (220). */
    CONNECT,
    /** Connect, EHLO, STARTTLS and EHLO again (when asked), MAIL, RCPT, DATA with a 1 KiB message, QUIT. */
    FULL
}
