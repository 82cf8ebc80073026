package org.imsajames.outgoing;

import java.util.List;

/** A parsed MTA-STS policy (RFC 8461 section 3.2). */
public final class MtaStsPolicy {
    private final MtaStsMode mode;
    private final long maxAgeSeconds;
    private final List<MxPattern> mx;

    MtaStsPolicy(MtaStsMode mode, long maxAgeSeconds, List<MxPattern> mx) {
        this.mode = mode;
        this.maxAgeSeconds = maxAgeSeconds;
        this.mx = List.copyOf(mx);
    }

    public MtaStsMode mode() {
        return mode;
    }

    public long maxAgeSeconds() {
        return maxAgeSeconds;
    }

    public List<MxPattern> mx() {
        return mx;
    }

    /** Whether the MX host may receive the domain's mail under this policy. */
    public boolean allowsMx(String mxHost) {
        return mx.stream().anyMatch(pattern -> pattern.matches(mxHost));
    }

    @Override
    public String toString() {
        return "mode " + mode.name().toLowerCase(java.util.Locale.ROOT) + ", max_age " + maxAgeSeconds + ", mx " + mx;
    }
}
