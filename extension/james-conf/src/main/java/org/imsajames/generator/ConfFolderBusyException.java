package org.imsajames.generator;

/** Another generate holds the conf folder's lock for longer than we wait: nothing was changed. */
public class ConfFolderBusyException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfFolderBusyException(String message) {
        super(message);
    }
}
