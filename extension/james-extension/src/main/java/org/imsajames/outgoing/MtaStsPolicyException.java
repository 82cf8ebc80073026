package org.imsajames.outgoing;

/** A policy file, TXT record or fetch that cannot be used; the message says why, without echoing long input. */
public final class MtaStsPolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    public MtaStsPolicyException(String message) {
        super(message);
    }

    public MtaStsPolicyException(String message, Throwable cause) {
        super(message, cause);
    }

    /** At most 60 characters of hostile input, non-printable characters escaped, for messages and logs. */
    static String shown(String text) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < text.length() && shown.length() < 60; i++) {
            char c = text.charAt(i);
            shown.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return text.length() > 60 ? shown + "... (" + text.length() + " characters)" : shown.toString();
    }
}
