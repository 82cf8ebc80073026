package org.imsajames.policy;

import java.util.Objects;

/** Whether a client may connect, and which list entry (if any) decided it. */
public final class Decision {
    private final boolean accepted;
    private final String matchedEntry;

    public Decision(boolean accepted, String matchedEntry) {
        this.accepted = accepted;
        this.matchedEntry = matchedEntry;
    }

    public boolean accepted() {
        return accepted;
    }

    /** Canonical CIDR of the matching block, or null when nothing matched. */
    public String matchedEntry() {
        return matchedEntry;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Decision)) {
            return false;
        }
        Decision decision = (Decision) other;
        return accepted == decision.accepted && Objects.equals(matchedEntry, decision.matchedEntry);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accepted, matchedEntry);
    }

    @Override
    public String toString() {
        return (accepted ? "accepted" : "refused") + (matchedEntry == null ? " (no entry matched)"
                : " (matched " + matchedEntry + ")");
    }
}
