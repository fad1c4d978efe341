package org.lockdemo.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.lockdemo.explain.ExplainRunner;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.lockdemo.db.Connections;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.strategy.StrategyKind;
import org.lockdemo.strategy.classes.ClassStrategy;
import org.lockdemo.strategy.file.FileStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lockdemo cleanup}: drops the tables of runs that could not drop their own (killed with
 * -9, database lost, a foreign lock on the table). Only names of the exact form a run creates,
 * {@code lockdemo_<8 hex>_<strategy>} (race) and {@code lockdemo_explain_<suffix>} (explain,
 * sessions), and only tables older than {@code --older-than}, so a run in progress keeps its table.
 */
@Command(name = "cleanup", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Drops tables left by lockdemo runs that could not drop them (killed with -9, database lost).",
            "Only tables named lockdemo_<8 hex digits>_<strategy> (race) or lockdemo_explain_<suffix> (explain,",
            "sessions), and only those older than --older-than;",
            "lists each table it drops or keeps.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  lockdemo cleanup --url jdbc:postgresql://127.0.0.1:5432/test --user postgres --dry-run",
            "  MYSQL_PWD=... lockdemo cleanup --url jdbc:mariadb://127.0.0.1:3306/test --user root --older-than 10m",

        })
public final class CleanupCommand implements Callable<Integer> {
    /** What each exit code means for cleanup; listed by --help. */
    static final List<ExitCode.Use> EXIT_CODES = List.of(
            ExitCode.Use.as(ExitCode.OK, "success (also when there was nothing to drop)"),
            ExitCode.Use.of(ExitCode.INTERNAL_ERROR),
            ExitCode.Use.of(ExitCode.USAGE),
            ExitCode.Use.as(ExitCode.DATABASE_UNAVAILABLE, "could not reach the database, or a table could not be dropped"));

    /** A table name exactly as {@code RaceRunner} makes them: run id of 8 hex digits, a strategy. */
    static final Pattern RUN_TABLE = Pattern.compile("lockdemo_[0-9a-f]{8}_(?:"
            + Stream.of(StrategyKind.values()).map(k -> k.id().replace('-', '_')).collect(Collectors.joining("|"))
            + "|" + FileStrategy.TABLE_PREFIX + "[a-z][a-z0-9_]{0,39}|" + ClassStrategy.TABLE_PREFIX
            + "[a-z][a-z0-9_]{0,39})");

    /** DROP waits at most this long for a lock: a table a live session uses is kept, not waited on. */
    private static final Duration DROP_LOCK_TIMEOUT = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions db;

    @Option(defaultValue = "1h", names = "--older-than", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Drop only tables created at least this long ago; a table whose age is unknown is "
                    + "dropped only with 0 (default: ${DEFAULT-VALUE}).")
    Duration olderThan = Duration.ofHours(1);

    @Option(names = "--dry-run", description = "List what would be dropped; drop nothing.")
    boolean dryRun;

    @Option(names = {"--verbose", "-v"}, description = "Show the stack trace on failure.")
    boolean verbose;

    private final Map<String, String> env;

    public CleanupCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        String given = db.url();
        if (given == null) {
            throw new ParameterException(spec.commandLine(), "cleanup needs --url: an embedded server's tables "
                    + "are removed with the server at the end of its run");
        }
        if (olderThan.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--older-than must not be negative");
        }
        Databases databases = db.given(env);
        Dialect dialect = databases.dialect();
        DatabaseTarget target = databases.targets().get(0);
        String password = databases.password();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Duration> ages;
        try (Connection c = Connections.open(target, dialect)) {
            String init = dialect.sessionInitSql(DROP_LOCK_TIMEOUT);
            if (!init.isEmpty()) {
                try (Statement s = c.createStatement()) {
                    s.execute(init);
                }
            }
            ages = dialect.lockdemoTableAges(c);
            int dropped = 0;
            int failed = 0;
            for (Map.Entry<String, Duration> t : ages.entrySet()) {
                String name = t.getKey();
                Duration age = t.getValue();
                if (!RUN_TABLE.matcher(name).matches() && !ExplainRunner.TABLE_NAME.matcher(name).matches()) {
                    continue; // not a name lockdemo makes: not ours to drop
                }
                if (age == null ? !olderThan.isZero() : age.compareTo(olderThan) < 0) {
                    out.println("kept     " + name + " (" + describe(age) + ", younger than --older-than "
                            + olderThan.toSeconds() + "s: perhaps a run in progress)");
                    continue;
                }
                if (dryRun) {
                    out.println("would drop " + name + " (" + describe(age) + ")");
                    continue;
                }
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE " + name);
                    out.println("dropped  " + name + " (" + describe(age) + ")");
                    dropped++;
                } catch (SQLException e) {
                    err.println("lockdemo: could not drop " + name + ": "
                            + Secrets.scrub(String.valueOf(e.getMessage()), null).strip());
                    failed++;
                }
            }
            out.println((dryRun ? "dry run: nothing dropped" : dropped + " table(s) dropped")
                    + (failed > 0 ? ", " + failed + " failed" : ""));
            return failed > 0 ? ExitCode.DATABASE_UNAVAILABLE.code() : ExitCode.OK.code();
        } catch (SQLException e) {
            err.println("lockdemo: " + dialect.explainSetupFailure(e, target, "cleanup"));
            if (verbose) {
                err.print(Secrets.stackTrace(e, password));
            }
            return ExitCode.DATABASE_UNAVAILABLE.code();
        }
    }

    private static String describe(Duration age) {
        return age == null ? "age unknown" : "created " + age.toSeconds() + "s ago";
    }
}
