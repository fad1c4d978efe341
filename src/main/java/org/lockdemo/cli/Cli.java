package org.lockdemo.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * Builds lockdemo's command line and maps failures to exit codes: usage errors print one line and
 * a hint (exit 2); an unexpected exception prints one line (the stack trace only with --verbose)
 * and exits 1.
 */
public final class Cli {
    private Cli() {
    }

    /**
     * @param env   the environment (passwords, PGUSER)
     * @param guard how a shutdown hook stops a run early and cleans up after it
     */
    public static CommandLine create(Map<String, String> env, ShutdownGuard guard, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new LockdemoCommand());
        cl.addSubcommand("race", new RaceCommand(env, guard));
        cl.addSubcommand("explain", new ExplainCommand(env, guard));
        cl.addSubcommand("cleanup", new CleanupCommand(env));
        cl.addSubcommand("merge", new MergeCommand());
        cl.addSubcommand("report", new ReportCommand());
        cl.addSubcommand("matrix-summary", new MatrixSummaryCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(Cli::onUsageError);
        cl.setExecutionExceptionHandler(Cli::onUnexpected);
        cl.setExitCodeExceptionMapper(t -> ExitCode.INTERNAL_ERROR.code());
        return cl;
    }

    private static int onUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("lockdemo: " + firstLine(e.getMessage()));
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for the options and examples.");
        err.flush();
        return ExitCode.USAGE.code();
    }

    private static int onUnexpected(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        err.println("lockdemo: internal error: " + e.getClass().getSimpleName() + ": "
                + firstLine(org.lockdemo.db.JdbcUrls.redact(String.valueOf(e.getMessage()))));
        if (parsed.hasMatchedOption("--verbose")) {
            err.print(Secrets.stackTrace(e, null));
        } else {
            err.println("Run again with --verbose for the stack trace.");
        }
        err.flush();
        return ExitCode.INTERNAL_ERROR.code();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
