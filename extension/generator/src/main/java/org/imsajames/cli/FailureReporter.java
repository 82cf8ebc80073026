package org.imsajames.cli;

import java.io.PrintWriter;

import org.imsajames.generator.ConfFolderBusyException;
import org.imsajames.generator.ConfFolderException;
import org.imsajames.settings.Printable;
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
            err.println("error: " + Printable.escape(e.getMessage()));
            return BAD_INPUT;
        } catch (ConfFolderBusyException e) {
            err.println("error: " + Printable.escape(e.getMessage()));
            return INTERNAL_FAILURE;
        } catch (OutOfMemoryError e) {
            // Input too large for this heap (a huge import): a message, never a stack trace.
            err.println("error: out of memory (Java heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                    + " MB) reading the settings and their import files; lower connectionControl.maxEntries, split"
                    + " the lists, or give the generator more heap (IMSA_JAMES_JAVA_OPTS=-Xmx2g); nothing was changed");
            return BAD_INPUT;
        } catch (Exception e) {
            // Exception messages here name files and operations, never a secret's value.
            err.println("error: internal failure: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + Printable.escape(e.getMessage())));
            return INTERNAL_FAILURE;
        } finally {
            err.flush();
        }
    }
}
