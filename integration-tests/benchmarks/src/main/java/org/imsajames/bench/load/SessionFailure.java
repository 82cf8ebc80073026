package org.imsajames.bench.load;

/** A session that did not go as the scenario expects; the message is the error's category in the report. */
final class SessionFailure extends Exception {
    private static final long serialVersionUID = 1L;

    SessionFailure(String category) {
        super(category, null, false, false);
    }
}
