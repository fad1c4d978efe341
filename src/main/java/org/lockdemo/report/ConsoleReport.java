package org.lockdemo.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lockdemo.check.Check;
import org.lockdemo.db.DatabaseInfo;
import org.lockdemo.model.Outcome;
import org.lockdemo.results.ClientCpu;
import org.lockdemo.results.ErrorEntry;
import org.lockdemo.results.NodeEntry;
import org.lockdemo.results.RunConfig;
import org.lockdemo.results.RunResult;
import org.lockdemo.results.StrategyEntry;
import org.lockdemo.strategy.Framework;
import org.lockdemo.strategy.StrategyKind;

/**
 * Writes a {@link RunResult} as the console tables a person reads ({@link Format#CONSOLE}, and
 * {@link Format#CONSOLE_VERBOSE} with every check, error and the client's CPU).
 *
 * <p>The console rounds the measured figures itself (throughput to a whole number, racers to 0.1,
 * milliseconds to 0.01), so it reads them unrounded: percentiles from the result's exact histograms,
 * the rest from {@link StrategyEntry#unrounded()}. Rounding the file's already rounded figures again
 * could change a last digit. A result read from a file lacks the unrounded figures; the console then
 * falls back to the rounded ones.
 *
 * <p>Laid out for a {@link ConsoleView}: fitted to its width (the table's columns chosen by
 * {@link ConsoleTable} and {@link ColumnFit}, the text wrapped at spaces), or wide (every column, no
 * wrapping); verdicts coloured only when the view says so, after the padding, so colour never moves
 * a column.
 *
 * <p>Pure: writes only to the writer it is given, formats numbers with {@link Locale#US}.
 * Thread-safe (immutable).
 */
public final class ConsoleReport implements ReportFormat {
    private final boolean verbose;
    private final ConsoleView view;

    /**
     * @param verbose also print passed checks, the errors, the lock-view note and the client's CPU
     * @param view    the width to fit (or every column) and whether to colour
     */
    ConsoleReport(boolean verbose, ConsoleView view) {
        this.verbose = verbose;
        this.view = view;
    }

    /**
     * Writes and flushes; a {@link PrintWriter} is written through as is (its error flag stays the
     * caller's to check, as for any console output), any other writer reports a failed write.
     */
    @Override
    public void write(RunResult result, Writer out) throws IOException {
        if (out instanceof PrintWriter printWriter) {
            render(result, printWriter);
            return;
        }
        PrintWriter printWriter = new PrintWriter(out);
        render(result, printWriter);
        if (printWriter.checkError()) {
            throw new IOException("writing the console report failed");
        }
    }

    /**
     * Per row of the table, the heading of the framework group it starts ("Rails (ActiveRecord):"),
     * or null; all null when the run's strategies are of one group (or unknown to this lockdemo).
     */
    static List<String> groupHeadings(RunResult result) {
        List<Framework> groups = result.strategies().stream()
                .map(s -> StrategyKind.fromId(s.strategy()).map(StrategyKind::framework).orElse(null)).toList();
        boolean several = groups.stream().filter(java.util.Objects::nonNull).distinct().count() > 1;
        List<String> headings = new java.util.ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Framework g = groups.get(i);
            boolean starts = several && g != null && (i == 0 || groups.get(i - 1) != g);
            headings.add(starts ? g.displayName() + ":" : null);
        }
        return headings;
    }

    private void render(RunResult result, PrintWriter out) {
        RunConfig config = result.config();
        for (String line : view.wide() ? List.of(header(result)) : TextWrap.phrases(header(result), view.widthColumns())) {
            out.println(line);
        }
        out.println();
        ColumnFit.Fitted table = view.wide() ? ColumnFit.all(ConsoleTable.wide(result))
                : ColumnFit.fit(ConsoleTable.fitted(result), view.widthColumns());
        List<String> groups = groupHeadings(result);
        Table.render(table.head(), table.rows(), table.gap(),
                (column, text) -> column == table.verdictColumn() ? paintVerdict(text) : text, groups::get, out);
        if (!table.hidden().isEmpty()) {
            prose(out, "(" + String.join(", ", table.hidden()) + " hidden to fit " + view.widthColumns()
                    + " columns: --wide shows all)");
        }
        out.println();
        for (StrategyEntry r : result.strategies()) {
            prose(out, r.strategy() + ": " + r.explanation());
            if (r.warmup() != null) {
                double elapsedS = r.unrounded() != null && r.unrounded().warmupElapsedNanos() != null
                        ? r.unrounded().warmupElapsedNanos() / 1e9 : r.warmup().elapsedS();
                prose(out, String.format(Locale.US, "  warm-up: %s for %.1f s on a throwaway table, %d attempts, "
                        + "not counted above", r.strategy(), elapsedS, r.warmup().attempts()));
            }
            if (r.keyOutcomes() != null) {
                long keys = r.keyOutcomes().values().stream().mapToLong(Long::longValue).sum();
                StringBuilder each = new StringBuilder();
                r.keyOutcomes().forEach((o, n) -> each.append(each.length() == 0 ? "" : ", ").append(n).append(' ').append(o));
                prose(out, "  keys: the committed attempts got or created " + keys + " keys, " + result.config().keysPerAttempt()
                        + " each: " + each + " (an attempt counts once above: created if it created any of its keys)");
            }
            if (r.gaveUpOrZero() > 0) {
                prose(out, "  gave up: " + r.gaveUpOrZero() + " attempts used up their retries (" + r.retriesOrZero()
                        + " retries in all) and let the last error through, counted in its outcome above");
            }
            for (Check c : r.checks()) {
                if (!c.applicable()) {
                    prose(out, "  not applicable " + c.name() + ": " + c.evidence());
                } else if (!c.passed() && c.enforced()) {
                    prose(out, "  ", "FAILED", Paint.FAIL, " " + c.name() + ": expected " + c.expected() + ", got "
                            + c.actual() + " (" + c.evidence() + ")");
                } else if (!c.passed()) {
                    prose(out, "  ", "lesson", Paint.LESSON, " " + c.name() + ": expected of a safe strategy "
                            + c.expected() + ", got " + c.actual() + " (" + c.evidence() + ")");
                } else if (verbose) {
                    prose(out, "  ok " + c.name() + ": " + c.actual() + " (" + c.evidence() + ")");
                }
            }
            for (NodeEntry node : r.nodes()) {
                prose(out, "  " + nodeLine(node));
            }
            if (verbose) {
                for (ErrorEntry e : r.errors()) {
                    prose(out, "  " + e.count() + "x " + e.outcome() + " at " + step(e) + " SQLState "
                            + e.sqlState() + (e.vendorCode() != null && e.vendorCode() != 0 ? " code " + e.vendorCode()
                                    : "")
                            + " " + e.condition() + ": " + e.firstMessage());
                }
                prose(out, "  " + r.lockViewNote());
                ClientCpu cpu = r.clientCpu();
                if (cpu != null) {
                    long attempts = r.attemptsOrZero();
                    double nanosPerAttempt = attempts == 0 ? 0 : (double) cpu.nanos() / attempts;
                    prose(out, String.format(Locale.US, "  client CPU: %.3f s while the workers ran, %.1f us per "
                            + "attempt (the whole lockdemo process: workers, lock-view sampler, GC, JIT)",
                            cpu.nanos() / 1e9, nanosPerAttempt / 1e3));
                }
            }
        }
        out.println();
        prose(out, "sqlite".equals(result.database().dialect())
                ? "blocked = waits for another connection's lock, every one counted by SQLite's busy handler (exact); "
                        + "lock = time inside the locking read (a plain read on SQLite) and INSERT."
                : "blocked = attempts the server's lock view showed waiting for another session (a lower bound); "
                        + "lock = time inside SELECT ... FOR UPDATE and INSERT.");
        if (ConsoleTable.intensity(result)) {
            prose(out, ConsoleTable.intensityHeader(ConsoleTable.hotKey(config), view.wide())
                    + (ConsoleTable.hotKey(config) ? " = mean attempts per round" : " = share of attempts")
                    + " whose first statement on the key's row found none (the winner included; >= marks a lower "
                    + "bound, see docs/race.md); start p50 us = median time from the first to the last thread "
                    + "leaving the start line.");
        }
        if (config.openLoop()) {
            prose(out, "open loop: latency counts from each attempt's intended start; lag = actual start - intended "
                    + "start; unstarted = attempts meant to start before the end that a thread was too late for.");
        }
        if (!view.wide()) {
            List<String> renamed = new ArrayList<>();
            for (Outcome o : ConsoleTable.outcomes(result, false)) {
                if (!ConsoleTable.label(o).equals(o.id())) {
                    renamed.add(ConsoleTable.label(o) + " = " + o.id());
                }
            }
            if (!renamed.isEmpty()) {
                prose(out, String.join(", ", renamed) + " (the outcome ids --expect and the JSON use).");
            }
        }
        if (!result.complete()) {
            prose(out, "", "PARTIAL RESULTS:", Paint.FAIL, " the run stopped early: " + result.stopReason());
        }
        out.flush();
    }

    /** A line of text, wrapped at the view's width unless the view is wide. */
    private void prose(PrintWriter out, String line) {
        prose(out, line, "", null, "");
    }

    /**
     * The line {@code indent + word + rest}, wrapped as {@link #prose(PrintWriter, String)} with its
     * {@code word} painted: the wrap counts the visible text only.
     */
    private void prose(PrintWriter out, String indent, String word, Paint paint, String rest) {
        String plain = indent + word + rest;
        List<String> lines = view.wide() ? List.of(plain) : TextWrap.lines(plain, view.widthColumns());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && paint != null) {
                line = indent + paint.on(word, view.colour()) + line.substring(indent.length() + word.length());
            }
            out.println(line);
        }
    }

    /** The verdict cell in its colour: {@code pass}, {@code lesson} or {@code FAIL}. */
    private String paintVerdict(String text) {
        Paint paint = Paint.ofVerdict("FAIL".equals(text) ? StrategyEntry.FAIL : text);
        return paint == null ? text : paint.on(text, view.colour());
    }

    /** The SQL step as the runner names it ({@link org.lockdemo.model.SqlStep}); the file holds it in lower case. */
    private static String step(ErrorEntry e) {
        return e.step() == null ? null : e.step().toUpperCase(Locale.ROOT);
    }

    /**
     * One node's share of a strategy's attempts: its outcomes that occurred, and how its counters of
     * aborted transactions moved (server-wide: other clients' aborts on the node count too).
     */
    static String nodeLine(NodeEntry node) {
        List<String> parts = new ArrayList<>();
        for (Outcome o : Outcome.all()) {
            if (node.count(o.id()) > 0) {
                parts.add(o.id() + " " + node.count(o.id()));
            }
        }
        if (node.retries() > 0) {
            parts.add("retries " + node.retries());
        }
        StringBuilder line = new StringBuilder(String.format(Locale.US, "%s (%s): %d attempts", node.node(),
                node.url(), node.attempts()));
        if (!parts.isEmpty()) {
            line.append(": ").append(String.join(", ", parts));
        }
        if (!node.counterDeltas().isEmpty()) {
            List<String> deltas = new ArrayList<>();
            node.counterDeltas().forEach((k, v) -> deltas.add(k + " +" + v));
            line.append("; server counters ").append(String.join(", ", deltas));
        }
        return line.toString();
    }

    static String header(RunResult result) {
        DatabaseInfo db = result.database();
        RunConfig c = result.config();
        String shape = c.keysPerAttemptOrOne() > 1
                ? (ConsoleTable.hotKey(c) ? "hot keys (all threads on " + c.keysPerAttempt() + " fresh keys per round)"
                        : c.keys() + " keys, " + c.keysPerAttempt() + " in a row from a random one")
                        + ", " + c.keysPerAttempt() + " keys per attempt in " + c.keyOrder() + " order"
                : ConsoleTable.hotKey(c) ? "hot key (all threads on one fresh key per round)" : c.keys() + " keys at random";
        String length = c.timed() ? formatSeconds(c.durationMillis()) + " per strategy" : c.rounds() + " rounds";
        String where = db.nodes().size() > 1 ? String.format(Locale.US, " across %d nodes of a cluster", db.nodes().size())
                : "";
        String loop = c.openLoop() ? String.format(Locale.US, ", open loop at %s attempts/s (%s/s per thread)",
                rate(c.ratePerS()), rate(c.ratePerS() / c.threads())) : "";
        long delayNanos = c.statementDelayNanosOrFromUs();
        return String.format(Locale.US, "lockdemo race: %s %s%s%s, isolation %s, %d threads, %s, %s, hold %d ms%s, seed %d",
                db.product(), db.version(), db.embedded() ? " (embedded)" : "", where, db.isolation(), c.threads(), shape,
                length, c.holdMs(), loop + (delayNanos == 0 ? ""
                        : String.format(Locale.US, ", statement delay %s ms", rate(delayNanos / 1e6))),
                c.seed());
    }

    private static String rate(double perSecond) {
        return perSecond == Math.rint(perSecond) ? String.format(Locale.US, "%.0f", perSecond)
                : String.format(Locale.US, "%.3g", perSecond);
    }

    private static String formatSeconds(long millis) {
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format(Locale.US, "%.3f s", millis / 1000.0);
    }
}
