package org.imsajames.tls;

/**
 * A key or certificate file the operator gave cannot be used. The message names the file and says what to
 * fix; it never holds key material or a password, so it can be shown as is.
 */
public class TlsMaterialException extends Exception {

    private static final long serialVersionUID = 1L;

    public TlsMaterialException(String message) {
        super(message);
    }

    public TlsMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
