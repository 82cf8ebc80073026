package org.imsajames.policy;

/**
 * How much of a watched list file is read before it is refused: whatever sits at the list path (a symlink to
 * /dev/zero, a file that keeps growing) must not fill the heap. Enforced while streaming, not from the size stat
 * reports before the read.
 */
public final class ReadLimits {
    public static final long DEFAULT_MAX_FILE_BYTES = 256L * 1024 * 1024;
    public static final int DEFAULT_MAX_LINE_LENGTH = 4096;
    public static final ReadLimits DEFAULT = new ReadLimits(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_LINE_LENGTH);

    private final long maxFileBytes;
    private final int maxLineLength;

    public ReadLimits(long maxFileBytes, int maxLineLength) {
        if (maxFileBytes < 1 || maxLineLength < 1) {
            throw new IllegalArgumentException("limits must be positive: " + maxFileBytes + " bytes, "
                + maxLineLength + " characters a line");
        }
        this.maxFileBytes = maxFileBytes;
        this.maxLineLength = maxLineLength;
    }

    public long maxFileBytes() {
        return maxFileBytes;
    }

    public int maxLineLength() {
        return maxLineLength;
    }
}
