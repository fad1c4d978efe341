package org.lockdemo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code lockdemo} command: prints help; the work is in the subcommands. */
@Command(name = "lockdemo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Demonstrates and stress-tests the race in \"get the row, or create it, and lock it\".",
            "Without --url it starts an embedded PostgreSQL, so it runs on a machine with only a JDK."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  lockdemo race --threads 64 --strategy all",
            "  lockdemo race --url jdbc:postgresql://127.0.0.1:5432/test --user postgres --strategy naive",
            "  lockdemo explain --strategy savepoint",
            "  lockdemo sessions",
            "  lockdemo merge host1.json host2.json -o merged.json",
            "  lockdemo cleanup --url jdbc:postgresql://127.0.0.1:5432/test --user postgres --dry-run",
            "  lockdemo race --help",
            "  lockdemo explain --help"
        })
public final class LockdemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.USAGE.code();
    }
}
