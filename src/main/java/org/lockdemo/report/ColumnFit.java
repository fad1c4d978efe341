package org.lockdemo.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the columns of the console's table that fit a width. When all of them are wider than the
 * width, columns go in {@link Kind}'s drop order ({@link Kind#dropRank}, lowest first), then the gap
 * between columns narrows to one space before the race intensity ({@code racers}, {@code raced %}), then
 * {@code attempts} (the sum of the shown outcomes) and last {@code created} go; then the dropped columns that fit after all come back, the last dropped
 * first; strategy, the other outcomes, latency and verdict always stay, and only a
 * table of them alone can be wider than the width. docs/race.md lists the order
 * ({@code ConsoleDocsTest} holds it to this). Pure; stateless.
 */
final class ColumnFit {
    /** A column of the table, each with the rank in which it goes from a table too wide; 0: never. */
    enum Kind {
        STRATEGY(0),
        ATTEMPTS(11),
        /** {@code racers/round} (hot key) or {@code raced %}. */
        INTENSITY(10),
        START_SPREAD(4),
        /** An outcome's count; {@code created} is {@link #CREATED}. */
        OUTCOME(0),
        /** Created: one per key a run touched, the outcome that says least about the race. */
        CREATED(12),
        RETRIES(8),
        BLOCKED(6),
        LATENCY(0),
        MAX(1),
        LOCK_WAIT(2),
        LAG_P99(9),
        LAG_MAX(3),
        UNSTARTED(7),
        THROUGHPUT(5),
        VERDICT(0);

        private final int dropRank;

        Kind(int dropRank) {
            this.dropRank = dropRank;
        }

        /** The order in which it goes from a table too wide, first 1; 0: it always stays. */
        int dropRank() {
            return dropRank;
        }
    }

    /** One column: what it is, its header, its cell per strategy (in the result's order). */
    record Column(Kind kind, String header, List<String> cells) {
    }

    /**
     * The columns chosen: the header, a row per strategy, the headers of the columns left out for the
     * width, the gap between columns, and the verdict's column index (for its colour).
     */
    record Fitted(List<String> head, List<List<String>> rows, List<String> hidden, int gap, int verdictColumn) {
        int lineLength() {
            return Table.lineLength(head, rows, gap);
        }
    }

    private ColumnFit() {
    }

    /** All the columns as they are (for {@code --wide}): nothing hidden, two spaces apart. */
    static Fitted all(List<Column> columns) {
        return select(columns, 2, List.of());
    }

    /** The columns that fit {@code widthColumns}, dropped in {@link Kind#dropRank} order. */
    static Fitted fit(List<Column> columns, int widthColumns) {
        List<Column> shown = new ArrayList<>(columns);
        List<Column> droppable = columns.stream().filter(c -> c.kind().dropRank() > 0)
                .sorted(Comparator.comparingInt(c -> c.kind().dropRank())).toList();
        List<String> hidden = new ArrayList<>();
        int gap = 2;
        for (Column next : droppable) {
            if (select(shown, gap, hidden).lineLength() <= widthColumns) {
                break;
            }
            if (next.kind().dropRank() >= Kind.INTENSITY.dropRank() && gap == 2) {
                gap = 1; // narrower gaps before racers, attempts and created go
                if (select(shown, gap, hidden).lineLength() <= widthColumns) {
                    break;
                }
            }
            shown.remove(next);
            hidden.add(next.header());
        }
        return select(refill(columns, shown, hidden, gap, widthColumns), gap, hidden);
    }

    /**
     * Puts back the hidden columns that fit after all, the most important first (last dropped):
     * dropping stops at the first table that fits, so a narrow column dropped before a wide one may
     * fit again once the wide one is gone. The columns keep their order.
     */
    private static List<Column> refill(List<Column> columns, List<Column> shown, List<String> hidden, int gap,
            int widthColumns) {
        List<Column> result = new ArrayList<>(shown);
        List<Column> dropped = columns.stream().filter(c -> !shown.contains(c))
                .sorted(Comparator.comparingInt((Column c) -> c.kind().dropRank()).reversed()).toList();
        for (Column back : dropped) {
            List<Column> trial = new ArrayList<>(result);
            trial.add(back);
            trial.sort(Comparator.comparingInt(columns::indexOf));
            if (select(trial, gap, hidden).lineLength() <= widthColumns) {
                result = trial;
                hidden.remove(back.header());
            }
        }
        return result;
    }

    private static Fitted select(List<Column> shown, int gap, List<String> hidden) {
        List<String> head = shown.stream().map(Column::header).toList();
        List<List<String>> rows = new ArrayList<>();
        int strategies = shown.isEmpty() ? 0 : shown.get(0).cells().size();
        for (int i = 0; i < strategies; i++) {
            int row = i;
            rows.add(shown.stream().map(c -> c.cells().get(row)).toList());
        }
        int verdict = -1;
        for (int i = 0; i < shown.size(); i++) {
            if (shown.get(i).kind() == Kind.VERDICT) {
                verdict = i;
            }
        }
        return new Fitted(head, rows, List.copyOf(hidden), gap, verdict);
    }
}
