package org.imsajames.generator;

/**
 * Bad input in the James conf folder or the templates (not the settings): XML that does not parse,
 * a server that already uses our port, a mailet container without RemoteDelivery. Names the file.
 */
public class ConfFolderException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfFolderException(String message) {
        super(message);
    }
}
