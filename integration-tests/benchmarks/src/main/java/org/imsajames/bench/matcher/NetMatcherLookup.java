package org.imsajames.bench.matcher;

import java.lang.reflect.Field;
import java.net.InetAddress;
import java.util.List;
import java.util.SortedSet;

import org.apache.james.dnsservice.library.netmatcher.NetMatcher;

/** James 3.8.1's NetMatcher, given a DNS service that parses literals and never resolves a name. */
final class NetMatcherLookup implements ListLookup {
    private final NetMatcher matcher;

    private NetMatcherLookup(NetMatcher matcher) {
        this.matcher = matcher;
    }

    static NetMatcherLookup of(List<String> lines) {
        return new NetMatcherLookup(new NetMatcher(lines, new LiteralOnlyDnsService()));
    }

    @Override
    public boolean contains(InetAddress client) {
        return matcher.matchInetNetwork(client);
    }

    /** The networks NetMatcher keeps, in its TreeSet (read reflectively: NetMatcher does not expose them). */
    SortedSet<?> networks() {
        try {
            Field field = NetMatcher.class.getDeclaredField("networks");
            field.setAccessible(true);
            return (SortedSet<?>) field.get(matcher);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("NetMatcher 3.8.1 layout changed", e);
        }
    }
}
