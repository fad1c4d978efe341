package org.lockdemo.results;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.lockdemo.db.JdbcUrls;

/**
 * What reproduces a result beyond its configuration and database facts (which the result already
 * holds): the command line, lockdemo's version and commit, the JVM, the OS. Immutable.
 *
 * @param commandLine the command as a shell would take it, any password in a URL redacted
 */
public record Provenance(String commandLine, String lockdemoVersion, String gitCommit, String java, String os,
        int cpus) {
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    /** The provenance of this process: {@code args} as given after {@code lockdemo}. */
    public static Provenance ofThisProcess(List<String> args, String lockdemoVersion, String gitCommit) {
        return new Provenance(commandLine(args), lockdemoVersion, gitCommit,
                System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                        + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * {@code lockdemo} and the arguments, each quoted for a POSIX shell when it needs it, so the line
     * can be pasted back. Passwords never reach argv (lockdemo refuses them there), but a URL's
     * password parameter is redacted anyway, so a result file can never carry one.
     */
    static String commandLine(List<String> args) {
        return "lockdemo " + args.stream().map(JdbcUrls::redact).map(Provenance::shellQuote)
                .collect(Collectors.joining(" "));
    }

    static String shellQuote(String arg) {
        if (!arg.isEmpty() && SHELL_SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
