package org.imsajames.webadmin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What is saved but not in force: James 3.8.1 reads smtpserver.xml and mailetcontainer.xml only at start, so a
 * value there that differs from the generation James started on waits for the next start. Named as the state's keys.
 */
final class PendingRestart {
    private PendingRestart() {
    }

    static List<String> between(Snapshot startedWith, Snapshot saved) {
        List<String> pending = new ArrayList<>();
        if (startedWith == null) {
            return pending;
        }
        Map<String, Object> before = startedWith.smtp().smtpInterface();
        Map<String, Object> after = saved.smtp().smtpInterface();
        java.util.Set<String> keys = new java.util.LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            if (!Objects.equals(before.get(key), after.get(key))) {
                pending.add("smtpInterface." + key);
            }
        }
        if (startedWith.smtp().startTls() != saved.smtp().startTls()) {
            pending.add("tls.incoming.enabled");
        }
        if (!Objects.equals(OutgoingTls.read(startedWith.folder()), OutgoingTls.read(saved.folder()))) {
            pending.add("tls.outgoing");
        }
        return pending;
    }
}
