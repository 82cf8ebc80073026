package org.imsajames.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;

import org.imsajames.generator.CheckedSettings;
import org.imsajames.generator.ConfGenerator;
import org.imsajames.generator.GenerationReport;
import org.imsajames.generator.SettingsChecker;
import org.imsajames.generator.Templates;
import org.imsajames.settings.Printable;
import org.imsajames.settings.SettingsLoader;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * bin/imsa-james: {@code generate} writes a James conf folder from the IMSA settings, {@code check} only
 * validates them, {@code mta-sts-cache} lists the MTA-STS policies a James holds. Exit 0 on success, 2 on bad input, 1 on an internal failure.
 */
@Command(name = "imsa-james", subcommands = CommandLine.HelpCommand.class,
        description = "Turns IMSA-style SMTP settings into an Apache James 3.8.1 configuration.")
public final class ImsaJamesCli implements Runnable {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    private boolean help;

    private final Clock clock;
    private final Function<String, String> environment;

    public ImsaJamesCli() {
        this(Clock.systemUTC(), System::getenv);
    }

    /** @param environment where {@code env:NAME} secrets are looked up */
    public ImsaJamesCli(Clock clock, Function<String, String> environment) {
        this.clock = clock;
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ImsaJamesCli()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: generate, check or mta-sts-cache");
    }

    @Command(name = "generate", description = "Publish smtpserver.xml, mailetcontainer.xml, jvm.properties, "
            + "extensions.properties, the "
            + "keystore and the connection-control list into CONF_DIR as one new generation (CONF_DIR/imsa/current), "
            + "switched atomically; nothing changes there unless all of it succeeds.")
    int generate(
            @Option(names = "--settings", required = true, paramLabel = "FILE", description = "The settings file (YAML).")
            Path settings,
            @Option(names = "--out", required = true, paramLabel = "CONF_DIR", description = "James's conf folder.")
            Path out,
            @Option(names = "--update", description = "Start from CONF_DIR's current files, keeping what imsa-james "
                    + "does not own; the previous generations stay as backups.")
            boolean update,
            @Option(names = "--templates", paramLabel = "DIR", description = "Use the XML templates in DIR instead of "
                    + "the bundled ones.")
            Path templates) {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        return FailureReporter.exitCode(stderr, () -> {
            CheckedSettings checked = check(settings, stderr);
            GenerationReport report = new ConfGenerator(
                    templates == null ? Templates.bundled() : Templates.fromFolder(templates), clock)
                    .generate(checked, out, update);
            report.backups().forEach(file -> stdout.println("backed up " + file));
            report.published().ifPresent(generation -> stdout.println("published " + generation
                    + " (now " + out.resolve("imsa/current") + ")"));
            report.unchanged().ifPresent(generation -> stdout.println("unchanged: " + generation
                    + " already holds exactly this configuration"));
            report.removed().forEach(generation -> stdout.println("removed old generation " + generation));
            report.screenChangesReplaced().forEach(change -> stdout.println("replaces what the Connections screen"
                    + " saved: " + change));
            report.operatorFileChanges().forEach(change -> stdout.println(Printable.escape(change)));
            report.restartNeeded().forEach(name -> stdout.println(GenerationReport.restartNotice(name)));
            report.oldVersionStaging().forEach(folder -> stderr.println("warning: "
                    + Printable.escape(GenerationReport.oldVersionStagingWarning(folder))));
        });
    }

    @Command(name = "check", description = "Validate the settings and every file they name; write nothing.")
    int check(
            @Option(names = "--settings", required = true, paramLabel = "FILE", description = "The settings file (YAML).")
            Path settings) {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        return FailureReporter.exitCode(stderr, () -> {
            CheckedSettings checked = check(settings, stderr);
            stdout.println(settings + ": ok (" + checked.connectionControlEntries().size() + " connection-control entries, "
                    + checked.relaySenders().size() + " permitted relay senders, incoming TLS "
                    + (checked.tlsMaterial().isPresent() ? "on" : "off") + ", outgoing TLS "
                    + (checked.settings().outgoingTls().enabled() ? checked.settings().outgoingTls().mode().settingName()
                    : "off") + ")");
        });
    }

    @Command(name = "mta-sts-cache", description = "List the MTA-STS policies a James holds (domain, id, mode, mx "
            + "patterns, expiry), from JAMES_HOME/" + MtaStsCacheListing.RELATIVE_PATH + ".")
    int mtaStsCache(
            @Option(names = "--james-home", required = true, paramLabel = "JAMES_HOME", description = "James's home "
                    + "folder (the one holding conf/ and var/).")
            Path jamesHome) {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        return FailureReporter.exitCode(stderr, () -> MtaStsCacheListing.print(jamesHome, clock, stdout));
    }

    private CheckedSettings check(Path settings, PrintWriter err) throws Exception {
        CheckedSettings checked = new SettingsChecker(clock).check(new SettingsLoader(environment).load(settings));
        checked.warnings().forEach(warning -> err.println("warning: " + Printable.escape(warning)));
        return checked;
    }
}
