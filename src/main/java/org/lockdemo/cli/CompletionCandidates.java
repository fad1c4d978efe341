package org.lockdemo.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.lockdemo.explain.ExplainFormat;
import org.lockdemo.model.Isolation;
import org.lockdemo.strategy.Framework;
import org.lockdemo.strategy.StrategyKind;

/**
 * What the shell completes for the options with closed choices ({@code lockdemo generate-completion}):
 * the values the options' converters accept, from the same enums. Each class is an {@link Iterable}
 * of strings, as picocli's {@code completionCandidates} wants. Stateless; thread-safe.
 */
final class CompletionCandidates {
    private CompletionCandidates() {
    }

    /** race's {@code --strategy}: every strategy's id, the framework groups, and {@code all}. */
    static final class StrategiesOrAll implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> ids = new ArrayList<>(Strategies.ids());
            Arrays.stream(Framework.values()).filter(f -> !StrategyKind.of(f).isEmpty()).map(Framework::id)
                    .forEach(ids::add);
            ids.add("all");
            return ids.iterator();
        }
    }

    /** explain's {@code --strategy}: every strategy's id. */
    static final class Strategies implements Iterable<String> {
        static List<String> ids() {
            return Arrays.stream(StrategyKind.values()).map(StrategyKind::id).toList();
        }

        @Override
        public Iterator<String> iterator() {
            return ids().iterator();
        }
    }

    /** {@code --isolation}: the levels' command-line names. */
    static final class Isolations implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Isolation.values()).map(Isolation::cliName).iterator();
        }
    }

    /** explain's {@code --format}. */
    static final class ExplainFormats implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(ExplainFormat.values()).map(f -> f.name().toLowerCase(Locale.ROOT)).iterator();
        }
    }
}
