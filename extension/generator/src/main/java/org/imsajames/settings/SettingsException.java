package org.imsajames.settings;

/**
 * Bad input in the settings file or in a file it references (list, key, certificate).
 * The message starts with "file:line:" and names the key or entry; it never holds a secret.
 */
public class SettingsException extends Exception {
    private static final long serialVersionUID = 1L;

    public SettingsException(String origin, String problem) {
        super(origin + ": " + problem);
    }

    /** For a problem whose message already names its file and line (list files). */
    public SettingsException(String message) {
        super(message);
    }

    /** For a problem whose message already names its file and line (list files, TLS material). */
    public SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
