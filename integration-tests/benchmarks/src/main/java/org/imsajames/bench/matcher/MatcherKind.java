package org.imsajames.bench.matcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.imsajames.bench.lists.SyntheticEntry;

/**
 * The implementations compared. Each is built from the text it reads in production: ours from the IMSA list file
 * lines (mixed syntax, parsed by our EntryParser), the others from canonical CIDR strings.
 */
public enum MatcherKind {
    /** org.imsajames.policy.AddressMatcher, as ConnectionControlHandler builds it from a list file. */
    IMSA {
        @Override
        public List<String> lines(List<SyntheticEntry> entries) {
            List<String> lines = new ArrayList<>(entries.size());
            entries.forEach(entry -> lines.add(entry.text()));
            return lines;
        }

        @Override
        public ListLookup build(List<String> lines) {
            return ImsaLookup.of(lines);
        }
    },
    /** James's NetMatcher (authorizedAddresses): a sorted set scanned linearly. */
    NETMATCHER {
        @Override
        public ListLookup build(List<String> lines) {
            return NetMatcherLookup.of(lines);
        }
    },
    /** com.github.seancfoley:ipaddress, one binary trie per address family. */
    IPADDRESS {
        @Override
        public ListLookup build(List<String> lines) {
            return IpAddressTrieLookup.of(lines);
        }
    };

    /** The text this implementation is built from. */
    public List<String> lines(List<SyntheticEntry> entries) {
        List<String> lines = new ArrayList<>(entries.size());
        entries.forEach(entry -> lines.add(entry.cidr()));
        return lines;
    }

    public abstract ListLookup build(List<String> lines);

    /** From a JMH parameter or command-line word: imsa, netmatcher, ipaddress. */
    public static MatcherKind named(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
