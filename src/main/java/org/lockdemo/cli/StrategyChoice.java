package org.lockdemo.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.lockdemo.strategy.StrategyKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One value of {@code --strategy}: a strategy, or {@code all} of them (then {@code kind} is null).
 * Immutable.
 */
record StrategyChoice(StrategyKind kind) {
    static final StrategyChoice ALL = new StrategyChoice(null);

    /** Accepts a strategy's id, any case, or {@code all}. */
    static final class Converter implements ITypeConverter<StrategyChoice> {
        @Override
        public StrategyChoice convert(String value) {
            String v = value.trim();
            if (v.equalsIgnoreCase("all")) {
                return ALL;
            }
            return new StrategyChoice(StrategyKind.fromId(v).orElseThrow(() -> new TypeConversionException(
                    "'" + value + "' is not a strategy; choose from " + StrategyKind.ids() + " or all")));
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
     * The strategies chosen, in canonical order, so tables and output compare across runs. One
     * named explicitly that cannot run on {@code dialectId} is a usage error ({@code unusable});
     * {@code all} leaves it out and says why through {@code notRun}.
     */
    static List<StrategyKind> resolve(List<StrategyChoice> choices, String dialectId,
            Function<String, RuntimeException> unusable, Consumer<String> notRun) {
        Set<StrategyKind> kinds = new LinkedHashSet<>();
        boolean all = false;
        for (StrategyChoice c : choices) {
            if (c.kind() == null) {
                all = true;
                continue;
            }
            c.kind().unsupportedOn(dialectId).ifPresent(why -> {
                throw unusable.apply("--strategy " + c.kind().id() + " cannot run on " + dialectId + ": " + why);
            });
            kinds.add(c.kind());
        }
        List<StrategyKind> ordered = new ArrayList<>();
        for (StrategyKind k : StrategyKind.values()) {
            var why = k.unsupportedOn(dialectId);
            if (kinds.contains(k) || (all && why.isEmpty())) {
                ordered.add(k);
            } else if (all) {
                notRun.accept("Not run: " + k.id() + ": " + why.get());
            }
        }
        return ordered;
    }
}
