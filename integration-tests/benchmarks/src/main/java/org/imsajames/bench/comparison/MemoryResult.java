package org.imsajames.bench.comparison;

/** Resident memory of James + our handlers without and with a big list, in KiB. */
final class MemoryResult {
    final int entries;
    final long emptyKib;
    final long bigKib;
    final long emptyAfterGcKib;
    final long bigAfterGcKib;

    MemoryResult(int entries, long emptyKib, long bigKib, long emptyAfterGcKib, long bigAfterGcKib) {
        this.entries = entries;
        this.emptyKib = emptyKib;
        this.bigKib = bigKib;
        this.emptyAfterGcKib = emptyAfterGcKib;
        this.bigAfterGcKib = bigAfterGcKib;
    }

    double differenceMib() {
        return (bigKib - emptyKib) / 1024.0;
    }

    double differenceAfterGcMib() {
        return (bigAfterGcKib - emptyAfterGcKib) / 1024.0;
    }
}
