package org.imsajames.cli;

import java.io.PrintWriter;

import org.imsajames.generator.ConfFolderException;
import org.imsajames.settings.SettingsException;

/** Turns a command's outcome into its exit code and one "error:" line; user errors never show a stack trace. */
final class FailureReporter {
    static final int OK = 0;
    static final int INTERNAL_FAILURE = 1;
    static final int BAD_INPUT = 2;

    /** A command body. */
    interface Step {
        void run() throws Exception;
    }

    private FailureReporter() {
    }

    static int exitCode(PrintWriter err, Step step) {
        try {
            step.run();
            return OK;
        } catch (SettingsException | ConfFolderException e) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        } catch (Exception e) {
            // Exception messages here name files and operations, never a secret's value.
            err.println("error: internal failure: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return INTERNAL_FAILURE;
        } finally {
            err.flush();
        }
    }
}
