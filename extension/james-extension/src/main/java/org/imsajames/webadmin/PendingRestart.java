package org.imsajames.webadmin;

import java.util.List;

/**
 * What is saved but not in force: James 3.8.1 reads smtpserver.xml and mailetcontainer.xml only at start, so a
 * value there that differs from the generation James started on waits for the next start. Named as the state's keys.
 */
final class PendingRestart {
    private PendingRestart() {
    }

    static List<String> between(Snapshot startedWith, Snapshot saved) {
        if (startedWith == null) {
            return List.of();
        }
        return startedWith.restartOnly().differingFrom(saved.restartOnly());
    }
}
