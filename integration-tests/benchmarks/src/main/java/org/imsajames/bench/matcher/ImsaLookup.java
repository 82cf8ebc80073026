package org.imsajames.bench.matcher;

import java.net.InetAddress;
import java.util.List;

import org.imsajames.policy.AddressMatcher;
import org.imsajames.policy.ListFile;
import org.imsajames.policy.ListFileException;

/** Our matcher, parsed and built exactly as the handler does for a list file. */
final class ImsaLookup implements ListLookup {
    private final AddressMatcher matcher;

    private ImsaLookup(AddressMatcher matcher) {
        this.matcher = matcher;
    }

    static ImsaLookup of(List<String> lines) {
        try {
            return new ImsaLookup(AddressMatcher.of(ListFile.parse("benchmark.list", lines)));
        } catch (ListFileException e) {
            throw new IllegalArgumentException("generated list is invalid: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean contains(InetAddress client) {
        // find() is what ConnectionPolicy.decide calls: it also names the matching block.
        return matcher.find(client) != null;
    }

    AddressMatcher matcher() {
        return matcher;
    }
}
