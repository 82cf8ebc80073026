package org.imsajames.policy;

/**
 * Whether a client may connect, and which list entry (if any) decided it. The entry's text is built only when
 * asked for (a log line), so deciding allocates nothing else.
 */
public final class Decision {
    private final boolean accepted;
    private final AddressMatcher matcher;
    private final int block;

    Decision(boolean accepted, AddressMatcher matcher, int block) {
        this.accepted = accepted;
        this.matcher = matcher;
        this.block = block;
    }

    public boolean accepted() {
        return accepted;
    }

    /** Canonical CIDR of the matching block, or null when nothing matched. */
    public String matchedEntry() {
        return block == AddressMatcher.NO_MATCH ? null : matcher.cidr(block);
    }

    @Override
    public String toString() {
        String matched = matchedEntry();
        return (accepted ? "accepted" : "refused") + (matched == null ? " (no entry matched)"
                : " (matched " + matched + ")");
    }
}
