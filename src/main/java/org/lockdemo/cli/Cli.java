package org.lockdemo.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.lockdemo.report.Paint;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Builds lockdemo's command line and maps failures to exit codes: usage errors print one line and
 * a hint (exit 2); an unexpected exception prints one line (the stack trace only with --verbose)
 * and exits 1.
 */
public final class Cli {
    private Cli() {
    }

    /** As {@link #create(Map, ShutdownGuard, PrintWriter, PrintWriter, Terminals)} onto writers that are no terminal. */
    public static CommandLine create(Map<String, String> env, ShutdownGuard guard, PrintWriter out, PrintWriter err) {
        return create(env, guard, out, err, Terminals.NONE);
    }

    /**
     * @param env       the environment (passwords, PGUSER, COLUMNS, NO_COLOR)
     * @param guard     how a shutdown hook stops a run early and cleans up after it
     * @param terminals whether {@code out} and {@code err} go to terminals: the table's width, colour
     */
    public static CommandLine create(Map<String, String> env, ShutdownGuard guard, PrintWriter out, PrintWriter err,
            Terminals terminals) {
        return create(env, guard, out, err, terminals, System.in);
    }

    /**
     * As {@link #create(Map, ShutdownGuard, PrintWriter, PrintWriter, Terminals)}, with the input
     * the interactive commands read ({@code sessions}, {@code explain --step}) when it is no
     * terminal; tests pass their own.
     */
    public static CommandLine create(Map<String, String> env, ShutdownGuard guard, PrintWriter out, PrintWriter err,
            Terminals terminals, InputStream in) {
        CommandLine cl = new CommandLine(new LockdemoCommand());
        cl.addSubcommand("race", new RaceCommand(env, guard, terminals));
        cl.addSubcommand("explain", new ExplainCommand(env, guard, terminals, in));
        cl.addSubcommand("sessions", new SessionsCommand(env, guard, terminals, in));
        cl.addSubcommand("record", new RecordCommand(env, guard));
        cl.addSubcommand("cleanup", new CleanupCommand(env));
        cl.addSubcommand("merge", new MergeCommand(env, terminals));
        cl.addSubcommand("report", new ReportCommand());
        cl.addSubcommand("strategies", new StrategiesCommand());
        cl.addSubcommand("matrix-summary", new MatrixSummaryCommand());
        HelpSections.exitCodes(cl, ExitCode.all()); // first: picocli passes a command's section keys on to its subcommands
        HelpSections.strategies(cl.getSubcommands().get("race"));
        HelpSections.exitCodes(cl.getSubcommands().get("race"), RaceCommand.EXIT_CODES);
        HelpSections.exitCodes(cl.getSubcommands().get("explain"), ExplainCommand.EXIT_CODES);
        HelpSections.exitCodes(cl.getSubcommands().get("sessions"), SessionsCommand.EXIT_CODES);
        HelpSections.exitCodes(cl.getSubcommands().get("record"), RecordCommand.EXIT_CODES);
        HelpSections.exitCodes(cl.getSubcommands().get("cleanup"), CleanupCommand.EXIT_CODES);
        HelpSections.exitCodes(cl.getSubcommands().get("merge"), MergeCommand.EXIT_CODES);
        HelpSections.exitCodes(cl.getSubcommands().get("report"), ReportCommand.EXIT_CODES);
        HelpSections.exitCodes(cl.getSubcommands().get("strategies"), StrategiesCommand.EXIT_CODES);
        cl.addSubcommand("generate-completion", completion());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((e, args) -> onUsageError(e, errorColour(args, env, terminals)));
        cl.setExecutionExceptionHandler((e, c, parsed) -> onUnexpected(e, c, parsed,
                errorColour(parsed.originalArgs().toArray(new String[0]), env, terminals)));
        cl.setExitCodeExceptionMapper(t -> ExitCode.INTERNAL_ERROR.code());
        return cl;
    }

    /** picocli's own completion-script generator, shown in the help with examples. */
    private static CommandLine completion() {
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().usageMessage().hidden(false)
                .description("Prints a bash/zsh completion script for lockdemo: its commands, options, strategy names, "
                        + "isolation levels, explain's formats and file paths.")
                .footerHeading("%nExamples:%n")
                .footer("  source <(lockdemo generate-completion)",
                        "      completion in this shell (bash, or zsh with bashcompinit)",
                        "  lockdemo generate-completion > ~/.bash_completion.d/lockdemo",
                        "      a file to source from ~/.bashrc: completion in every new bash");
        HelpSections.exitCodes(completion, List.of(ExitCode.Use.as(ExitCode.OK, "the script was printed"),
                ExitCode.Use.as(ExitCode.USAGE, "usage error")));
        return completion;
    }

    /**
     * Whether the error line goes out in colour: looked up in the arguments, since a usage error may
     * come before {@code --no-color} was parsed.
     */
    private static boolean errorColour(String[] args, Map<String, String> env, Terminals terminals) {
        return ColourChoice.on(Arrays.asList(args).contains(ColourOption.NO_COLOR), env, terminals.stderr());
    }

    private static int onUsageError(CommandLine.ParameterException e, boolean colour) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(Paint.ERROR.on("lockdemo: " + firstLine(e instanceof CommandLine.MutuallyExclusiveArgsException
                ? notTogether(cl, e.getMessage()) : e.getMessage()), colour));
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for the options and examples.");
        err.flush();
        return ExitCode.USAGE.code();
    }

    private static int onUnexpected(Exception e, CommandLine cl, CommandLine.ParseResult parsed, boolean colour) {
        PrintWriter err = cl.getErr();
        err.println(Paint.ERROR.on("lockdemo: internal error: " + e.getClass().getSimpleName() + ": "
                + firstLine(org.lockdemo.db.JdbcUrls.redact(String.valueOf(e.getMessage()))), colour));
        if (parsed.hasMatchedOption("--verbose")) {
            err.print(Secrets.stackTrace(e, null));
        } else {
            err.println("Run again with --verbose for the stack trace.");
        }
        err.flush();
        return ExitCode.INTERNAL_ERROR.code();
    }

    /**
     * picocli's "--a=X, --b=Y are mutually exclusive (specify only one)" as lockdemo says it: the
     * options of the exclusive group the message names, "--a and --b do not go together; give one".
     */
    private static String notTogether(CommandLine cl, String picocliMessage) {
        for (CommandLine.Model.ArgGroupSpec g : cl.getCommandSpec().argGroups()) {
            List<String> names = g.options().stream().map(CommandLine.Model.OptionSpec::longestName).toList();
            if (g.exclusive() && names.stream().allMatch(picocliMessage::contains)) {
                return String.join(" and ", names) + " do not go together; give one";
            }
        }
        return picocliMessage;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
