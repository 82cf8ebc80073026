package org.imsajames.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The warnings of one check: the first {@value #SHOWN} in full, then only counted, so a 3-million-line import with
 * host bits everywhere prints 21 lines, not 3 million.
 */
final class Warnings {
    static final int SHOWN = 20;

    private final List<String> shown = new ArrayList<>();
    private long more;

    void add(String warning) {
        if (shown.size() < SHOWN) {
            shown.add(warning);
        } else {
            more++;
        }
    }

    void addAll(List<String> warnings) {
        warnings.forEach(this::add);
    }

    /** The shown ones, then "and 3,259,980 more warnings" when some were only counted. */
    List<String> summary() {
        List<String> summary = new ArrayList<>(shown);
        if (more > 0) {
            summary.add(String.format(Locale.ROOT, "and %,d more warning%s", more, more == 1 ? "" : "s"));
        }
        return summary;
    }
}
