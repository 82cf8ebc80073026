package org.imsajames.testkit;

/**
 * The master.cf lines of the Postfix services a test or benchmark instance needs besides its smtpd listeners:
 * Debian's defaults, none chrooted (the instance's config and tables live outside any chroot).
 */
public final class PostfixServices {
    /** Postfix's internal services, one master.cf line each, ending with a newline. */
    public static final String INTERNAL = String.join("\n",
        "cleanup   unix  n - n - 0 cleanup",
        "qmgr      unix  n - n 300 1 qmgr",
        "tlsmgr    unix  - - n 1000? 1 tlsmgr",
        "rewrite   unix  - - n - - trivial-rewrite",
        "bounce    unix  - - n - 0 bounce",
        "defer     unix  - - n - 0 bounce",
        "trace     unix  - - n - 0 bounce",
        "verify    unix  - - n - 1 verify",
        "proxymap  unix  - - n - - proxymap",
        "error     unix  - - n - - error",
        "retry     unix  - - n - - error",
        "discard   unix  - - n - - discard",
        "anvil     unix  - - n - 1 anvil",
        "scache    unix  - - n - 1 scache",
        "postlog   unix-dgram n - n - 1 postlogd",
        "");

    private PostfixServices() {
    }
}
