package org.lockdemo.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.record.Recorder;
import org.lockdemo.strategy.RaceStrategy;
import org.lockdemo.strategy.StrategyKind;
import org.lockdemo.strategy.classes.StrategyClassException;
import org.lockdemo.strategy.classes.StrategyClasses;
import org.lockdemo.strategy.file.FileStrategy;
import org.lockdemo.strategy.file.StrategyFileException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lockdemo record}: runs one strategy (a built-in, a file, or a class of the user's) once
 * per path on a real database and prints what it sent as a ready-to-edit strategy file. For a class
 * it is the one way to see what the code (its ORM) really sends.
 */
@Command(name = "record", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Runs a strategy once per path (found, created, conflict) on a real database and prints the statements",
            "it sent as a ready-to-edit strategy file (docs/strategy-files.md): the created path as steps, the other",
            "paths as comments. The conflict is made real: another session inserts the key and commits when the",
            "server shows the attempt waiting for it.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  lockdemo record --strategy savepoint                       # on an embedded PostgreSQL",
            "  lockdemo record --strategy-class com.example.tags.TagRepository --classpath tag-repository.jar -o mine.yaml",
            "  lockdemo record --strategy-file strategies/upsert.yaml --url jdbc:mariadb://127.0.0.1:3306/test --user root",
        })
public final class RecordCommand implements Callable<Integer> {
    static final List<ExitCode.Use> EXIT_CODES = List.of(
            ExitCode.Use.as(ExitCode.OK, "recorded"),
            ExitCode.Use.of(ExitCode.INTERNAL_ERROR),
            ExitCode.Use.also(ExitCode.USAGE, "no strategy, or one that cannot be read or loaded; -o not writable"),
            ExitCode.Use.of(ExitCode.DATABASE_UNAVAILABLE));

    /** What to record: exactly one. */
    static final class What {
        @Option(names = {"--strategy", "-s"}, paramLabel = "NAME", converter = StrategyChoice.KindConverter.class,
                completionCandidates = CompletionCandidates.Strategies.class, description = "A built-in strategy.")
        StrategyKind strategy;

        @Option(names = "--strategy-file", paramLabel = "FILE", description = "A strategy file.")
        Path file;

        @Option(names = "--strategy-class", paramLabel = "CLASS",
                description = "A class implementing org.lockdemo.spi.v1.GetOrCreateStrategy (with --classpath).")
        String className;
    }

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions db;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    @Option(names = "--classpath", paramLabel = "PATH", description = "Where --strategy-class is.")
    String classpath;

    @Option(names = {"--output", "-o"}, paramLabel = "FILE", description = "Write the file there instead of standard output.")
    Path output;

    private final Map<String, String> env;
    private final ShutdownGuard guard;

    RecordCommand(Map<String, String> env, ShutdownGuard guard) {
        this.env = env;
        this.guard = guard;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        RaceStrategy strategy = strategy();
        String described = what.strategy != null ? "the built-in strategy " + strategy.id()
                : what.file != null ? "the strategy file " + what.file : "the class " + what.className;
        if (output != null) {
            OutputFiles.checkWritable(spec.commandLine(), "--output", output);
        }
        DatabaseOptions.Embedded embedded = new DatabaseOptions.Embedded(guard, 8, () -> {
            err.println(db.embeddedServerNotice("record"));
            err.flush();
        }, () -> { });
        db.requireServer();
        try (Databases databases = db.resolve(env, embedded)) {
            String text = new Recorder(databases.targets().get(0), databases.dialect()).record(strategy, described);
            if (output == null) {
                spec.commandLine().getOut().print(text);
                spec.commandLine().getOut().flush();
            } else {
                java.nio.file.Files.writeString(output, text);
                err.println("lockdemo: wrote " + output);
            }
            return ExitCode.OK.code();
        } catch (DatabaseSetupException | SQLException e) {
            err.println("lockdemo: " + e.getMessage());
            err.flush();
            return ExitCode.DATABASE_UNAVAILABLE.code();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.INTERRUPTED.code();
        }
    }

    private RaceStrategy strategy() {
        try {
            if (what.strategy != null) {
                return what.strategy;
            }
            if (what.file != null) {
                FileStrategy f = FileStrategy.read(what.file);
                if (f.file().table().isPresent()) {
                    // the recorder drives its paths on lockdemo's own table (jahr, monat, some_value)
                    throw new ParameterException(spec.commandLine(), what.file + ": record runs on lockdemo's own "
                            + "table; a file with a table: section is not recorded yet (race it instead)");
                }
                return f;
            }
            if (classpath == null) {
                throw new ParameterException(spec.commandLine(), "--strategy-class needs --classpath, the jar or "
                        + "directory the class is in");
            }
            return StrategyClasses.load(what.className, StrategyClasses.loader(classpath));
        } catch (StrategyFileException | StrategyClassException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
