package org.lockdemo.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.lockdemo.strategy.Framework;
import org.lockdemo.strategy.ServerVersion;
import org.lockdemo.strategy.RaceStrategy;
import org.lockdemo.strategy.StrategyKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One value of {@code --strategy}: a strategy by its id, a framework's group of them
 * ({@code rails}), or {@code all} of them. Immutable.
 *
 * @param kinds the strategies it stands for, in registry order
 * @param named whether it named one strategy: one that cannot run on the database is then a usage
 *              error, where a group or {@code all} leaves it out with a note
 */
record StrategyChoice(List<StrategyKind> kinds, boolean named) {
    static final StrategyChoice ALL = new StrategyChoice(List.of(StrategyKind.values()), false);

    static StrategyChoice of(StrategyKind kind) {
        return new StrategyChoice(List.of(kind), true);
    }

    static StrategyChoice of(Framework framework) {
        return new StrategyChoice(StrategyKind.of(framework), false);
    }

    /** What {@code --strategy} takes, for error messages. */
    static String choices() {
        return StrategyKind.ids() + "; the groups " + Framework.ids() + "; or all";
    }

    /** Accepts a strategy's id, a framework's group or {@code all}, any case. */
    static final class Converter implements ITypeConverter<StrategyChoice> {
        @Override
        public StrategyChoice convert(String value) {
            String v = value.trim();
            if (v.equalsIgnoreCase("all")) {
                return ALL;
            }
            var kind = StrategyKind.fromId(v);
            if (kind.isPresent()) {
                return of(kind.get());
            }
            return Framework.fromId(v).filter(f -> !StrategyKind.of(f).isEmpty()).map(StrategyChoice::of)
                    .orElseThrow(() -> new TypeConversionException("'" + value + "' is not a strategy or a group; "
                            + "choose from " + choices()));
        }
    }

    /** One strategy by its id, any case, where {@code all} is not a choice (explain's {@code --strategy}). */
    static final class KindConverter implements ITypeConverter<StrategyKind> {
        @Override
        public StrategyKind convert(String value) {
            return StrategyKind.fromId(value.trim()).orElseThrow(() -> new TypeConversionException(
                    "'" + value + "' is not a strategy; choose from " + StrategyKind.ids()));
        }
    }

    /**
     * The strategies chosen, in registry order, so tables and output compare across runs. One
     * named by its id that cannot run on {@code dialectId} is a usage error ({@code unusable}); a
     * group or {@code all} leaves it out and says why through {@code notRun}.
     */
    static List<StrategyKind> resolve(List<StrategyChoice> choices, String dialectId,
            Function<String, RuntimeException> unusable, Consumer<String> notRun) {
        Set<StrategyKind> named = new LinkedHashSet<>();
        Set<StrategyKind> grouped = new LinkedHashSet<>();
        for (StrategyChoice c : choices) {
            (c.named() ? named : grouped).addAll(c.kinds());
        }
        for (StrategyKind k : named) {
            k.unsupportedOn(dialectId).ifPresent(why -> {
                throw unusable.apply("--strategy " + k.id() + " cannot run on " + dialectId + ": " + why);
            });
        }
        List<StrategyKind> ordered = new ArrayList<>();
        for (StrategyKind k : StrategyKind.values()) {
            var why = k.unsupportedOn(dialectId);
            if (named.contains(k) || (grouped.contains(k) && why.isEmpty())) {
                ordered.add(k);
            } else if (grouped.contains(k)) {
                notRun.accept("Not run: " + why.get());
            }
        }
        return ordered;
    }

    /**
     * The strategies of {@code chosen} that can run on {@code server}, once it has said its version:
     * one of {@code named} that cannot is a usage error, another is left out with a note on
     * {@code notRun}; if none is left, that is a usage error too.
     */
    static List<RaceStrategy> admit(List<? extends RaceStrategy> chosen, Set<? extends RaceStrategy> named,
            ServerVersion server, Function<String, RuntimeException> unusable, Consumer<String> notRun) {
        List<RaceStrategy> admitted = new ArrayList<>();
        for (RaceStrategy k : chosen) {
            var why = k.unsupportedOn(server);
            if (why.isEmpty()) {
                admitted.add(k);
            } else if (named.contains(k)) {
                throw unusable.apply((k instanceof org.lockdemo.strategy.file.FileStrategy ? "--strategy-file "
                        : "--strategy " + k.id() + " cannot run here: ") + why.get());
            } else {
                notRun.accept("Not run: " + why.get());
            }
        }
        if (admitted.isEmpty()) {
            throw unusable.apply("none of the chosen strategies can run on " + server.describe());
        }
        return admitted;
    }

    /** The strategies that {@code choices} named by id. */
    static Set<StrategyKind> namedIn(List<StrategyChoice> choices) {
        Set<StrategyKind> named = new LinkedHashSet<>();
        choices.stream().filter(StrategyChoice::named).forEach(c -> named.addAll(c.kinds()));
        return named;
    }
}
