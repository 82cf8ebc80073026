package org.imsajames.policy;

import java.net.InetAddress;
import java.util.Objects;

/** IMSA connection control: a mode and a list. Immutable, so safe to share between threads. */
public final class ConnectionPolicy {
    private final PolicyMode mode;
    private final AddressMatcher matcher;

    public ConnectionPolicy(PolicyMode mode, AddressMatcher matcher) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.matcher = Objects.requireNonNull(matcher, "matcher");
    }

    public Decision decide(InetAddress client) {
        int block = matcher.indexOf(client);
        boolean listed = block != AddressMatcher.NO_MATCH;
        return new Decision(mode == PolicyMode.ACCEPT_ALL_EXCEPT ? !listed : listed, matcher, block);
    }

    public PolicyMode mode() {
        return mode;
    }

    /** Number of blocks in the list after removing duplicates and nested blocks. */
    public int size() {
        return matcher.size();
    }
}
