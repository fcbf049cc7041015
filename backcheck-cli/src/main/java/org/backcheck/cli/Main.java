package org.backcheck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code backcheck} command. Exit codes are listed in {@link ExitCodes} and in {@code --help}. */
@Command(name = "backcheck", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {
            "Backcheck: the NHS Evidence-Based Interventions guidance \"Low back pain imaging\" as software.",
            "Audits hospital activity extracts against the EBI measure 2S_lower_back_imaging (audit, generate, demo),",
            "and assesses one person at the point of care (assess, serve)."},
        subcommands = {DemoCommand.class, AuditCommand.class, GenerateCommand.class, SqlCommand.class, AssessCommand.class, ServeCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:internal error (a bug: please report it with the message)",
            "2:invalid command line, or a case that cannot be assessed (the message names the field)",
            "3:the extract cannot be audited (no header, a needed column missing, unknown delimiter)",
            "4:a file cannot be read or written (nothing is left half-written)",
            "5:another run is writing to the same --out folder"})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new Failures());
        cli.setParameterExceptionHandler(new UsageErrors(cli.getParameterExceptionHandler()));
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"backcheck " + (v == null ? "development build" : v)};
        }
    }
}
