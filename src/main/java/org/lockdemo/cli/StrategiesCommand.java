package org.lockdemo.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.lockdemo.report.StrategyCatalog;
import org.lockdemo.strategy.StrategyKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code lockdemo strategies}: what each strategy is, from the registry: the framework call it
 * models, the version, where its statements come from (captured from the real framework, or read
 * from its source), its known failure modes and what it needs of the server.
 */
@Command(name = "strategies", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Lists the strategies, grouped by framework: the call each one models, the version, where its",
            "statements come from (captured from the real framework, or read from its source), its known",
            "failure modes and what it needs of the server.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  lockdemo strategies",
            "      every strategy, as text",
            "  lockdemo strategies rails laravel-update-or-create",
            "      a group and one strategy",
            "  lockdemo strategies --format json | jq -r '.strategies[] | select(.expected_safe) | .id'",
            "      the ids of the strategies that claim to be safe"
        })
public final class StrategiesCommand implements Callable<Integer> {
    /** What each exit code means here; listed by --help. */
    static final List<ExitCode.Use> EXIT_CODES = List.of(
            ExitCode.Use.as(ExitCode.OK, "the list was printed"),
            ExitCode.Use.of(ExitCode.INTERNAL_ERROR),
            ExitCode.Use.as(ExitCode.USAGE, "usage error: an unknown strategy, group or format"));

    @Spec
    CommandSpec spec;

    // strings, converted in call(): picocli reports a failed conversion of an optional positional
    // parameter as an unmatched argument, which would hide the list of valid names
    @Parameters(paramLabel = "NAME", arity = "0..*", completionCandidates = CompletionCandidates.StrategiesOrAll.class,
            description = "Strategies or groups to list, as --strategy takes them (default: all).")
    List<String> names = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "text, markdown or json (default: ${DEFAULT-VALUE}).",
            converter = FormatConverter.class)
    StrategyCatalog.Format format = StrategyCatalog.Format.TEXT;

    @Override
    public Integer call() {
        Set<StrategyKind> chosen = new LinkedHashSet<>();
        StrategyChoice.Converter converter = new StrategyChoice.Converter();
        for (String name : names.isEmpty() ? List.of("all") : names) {
            try {
                chosen.addAll(converter.convert(name).kinds());
            } catch (TypeConversionException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        List<StrategyKind> ordered = new ArrayList<>();
        for (StrategyKind k : StrategyKind.values()) {
            if (chosen.contains(k)) {
                ordered.add(k);
            }
        }
        StrategyCatalog.write(ordered, format, spec.commandLine().getOut());
        return ExitCode.OK.code();
    }

    /** {@code --format}, any case. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<StrategyCatalog.Format> {
        @Override
        public StrategyCatalog.Format convert(String value) {
            try {
                return StrategyCatalog.Format.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value
                        + "' is not a format; choose from text, markdown, json");
            }
        }
    }
}
