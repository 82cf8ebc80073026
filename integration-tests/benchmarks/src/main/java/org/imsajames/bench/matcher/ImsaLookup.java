package org.imsajames.bench.matcher;

import java.net.InetAddress;
import java.util.List;

import org.imsajames.policy.AddressMatcher;
import org.imsajames.policy.ConnectionPolicy;
import org.imsajames.policy.ListFileException;
import org.imsajames.policy.ListFile;
import org.imsajames.policy.PolicyMode;

/** Our matcher, parsed and built as the handler does for a list file, and consulted as the handler does. */
final class ImsaLookup implements ListLookup {
    private final ConnectionPolicy policy;

    private ImsaLookup(ConnectionPolicy policy) {
        this.policy = policy;
    }

    /** Streamed from the lines into the matcher, as PolicySource does from a list file. */
    static ImsaLookup of(List<String> lines) {
        AddressMatcher.Builder matcher = AddressMatcher.builder();
        try {
            ListFile.parse("benchmark.list", lines, matcher::add);
        } catch (ListFileException e) {
            throw new IllegalArgumentException("generated list is invalid: " + e.getMessage(), e);
        }
        return new ImsaLookup(new ConnectionPolicy(PolicyMode.ACCEPT_ALL_EXCEPT, matcher.build()));
    }

    @Override
    public boolean contains(InetAddress client) {
        // decide() is what the handler calls; under accept-all-except, listed means refused.
        return !policy.decide(client).accepted();
    }

    int size() {
        return policy.size();
    }
}
