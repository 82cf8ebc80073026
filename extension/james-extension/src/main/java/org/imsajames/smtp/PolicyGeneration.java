package org.imsajames.smtp;

import java.util.Objects;

import org.imsajames.policy.ConnectionPolicy;
import org.imsajames.policy.LogText;

/**
 * One policy as installed: mode and entries built from one read of the list file, plus what a reload compares
 * against (the file's entry count for the shrink rule, the SHA-256 of its bytes for "nothing changed").
 */
final class PolicyGeneration {
    private static final int HASH_PREFIX = 12;

    private final ConnectionPolicy policy;
    private final int fileEntries;
    private final String sha256;
    private final String generation;
    private final boolean published;

    /**
     * @param fileEntries entry lines in the list file, 0 without one
     * @param sha256      of the list file's bytes, "" without one
     * @param generation  the folder the list file resolved to through symlinks (e.g. a published generation), or null
     */
    PolicyGeneration(ConnectionPolicy policy, int fileEntries, String sha256, String generation) {
        this(policy, fileEntries, sha256, generation, false);
    }

    /** @param published the list's folder is one of imsa-james's conf/imsa/generations/ID folders */
    PolicyGeneration(ConnectionPolicy policy, int fileEntries, String sha256, String generation, boolean published) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.fileEntries = fileEntries;
        this.sha256 = Objects.requireNonNull(sha256, "sha256");
        this.generation = generation;
        this.published = published && generation != null;
    }

    /** The folder the list file resolved to through symlinks, or null. */
    String generation() {
        return generation;
    }

    /** Whether {@link #generation()} is a generation published by imsa-james (its smtpserver.xml beside the list). */
    boolean published() {
        return published;
    }

    ConnectionPolicy policy() {
        return policy;
    }

    int fileEntries() {
        return fileEntries;
    }

    String sha256() {
        return sha256;
    }

    /** Same bytes read as OTHER: installing this would change nothing. */
    boolean sameContentAs(PolicyGeneration other) {
        return other != null && !sha256.isEmpty() && sha256.equals(other.sha256);
    }

    /** "deny-all-except with 3 blocks, generation 20261201-232000-123-1a2b3, sha256 1a2b3c4d5e6f" */
    String describe() {
        StringBuilder text = new StringBuilder()
            .append(policy.mode().setting()).append(" with ").append(policy.size())
            .append(policy.size() == 1 ? " block" : " blocks");
        if (generation != null) {
            text.append(", generation ").append(LogText.escaped(generation));
        }
        if (!sha256.isEmpty()) {
            text.append(", sha256 ").append(sha256, 0, Math.min(HASH_PREFIX, sha256.length()));
        }
        return text.toString();
    }
}
