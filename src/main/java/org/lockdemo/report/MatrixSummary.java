package org.lockdemo.report;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.lockdemo.check.Check;
import org.lockdemo.db.DatabaseInfo;
import org.lockdemo.model.Outcome;
import org.lockdemo.results.Provenance;
import org.lockdemo.results.RunConfig;
import org.lockdemo.results.RunResult;
import org.lockdemo.results.StrategyEntry;
import org.lockdemo.strategy.StrategyKind;

/**
 * A markdown summary of a matrix of result files (databases x isolation levels), in the spirit of
 * Hermitage's table: first which strategy is safe where, then what it cost in each cell. Pure:
 * reads the results' records, writes markdown to the caller's writer with {@link Locale#US}.
 * Thread-safe (stateless).
 */
public final class MatrixSummary {
    private MatrixSummary() {
    }

    /** One cell of the matrix: a result file's name and its result. */
    public record Cell(String file, RunResult result) {
        String database() {
            DatabaseInfo db = result.database();
            return db == null ? " " : text(db.product()) + " " + text(db.version()).split("[ -]")[0]
                    + (db.embedded() ? " (embedded)" : "");
        }

        String isolation() {
            String configured = result.config() == null ? "" : text(result.config().isolation());
            return "default".equals(configured) && result.database() != null ? text(result.database().isolation())
                    : configured;
        }

        StrategyEntry strategy(String id) {
            return result.strategy(id);
        }
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    /**
     * @param command how the matrix was run, shown so a reader can run it again; the date shown is
     *                the first cell's start, so the summary of the same files is always the same
     */
    public static void write(List<Cell> cells, String command, PrintWriter out) {
        String date = cells.stream().map(c -> text(c.result().startedAt())).filter(t -> !t.isEmpty())
                .map(java.time.Instant::parse).min(java.util.Comparator.naturalOrder())
                .map(t -> DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(t))
                .orElse("an unknown date");
        out.println("# lockdemo matrix: which get-or-create strategy is safe where, and what it costs");
        out.println();
        RunConfig c0 = cells.isEmpty() ? null : cells.get(0).result().config();
        Provenance p0 = cells.isEmpty() ? null : cells.get(0).result().provenance();
        out.println("Run on " + date + (p0 == null ? "" : " (lockdemo " + text(p0.lockdemoVersion())
                + ", commit " + text(p0.gitCommit()) + ", " + p0.cpus() + " cpus, " + text(p0.os()) + ")") + " with:");
        out.println();
        out.println("```sh");
        out.println(command);
        out.println("```");
        out.println();
        if (!cells.isEmpty()) {
            long keys = c0 == null ? 0 : orZero(c0.keys());
            out.printf(Locale.US, "Every cell: %d threads, %s, %s rounds, hold %d ms, lock timeout %d ms. One JSON per "
                    + "cell beside this file (`lockdemo merge`, `--expect` and docs/results.md explain the fields).%n",
                    c0 == null ? 0 : orZero(c0.threads()), keys == 0 ? "one hot key per round" : keys + " keys at random",
                    c0 == null || c0.rounds() == null ? "-" : c0.rounds().toString(),
                    c0 == null ? 0 : orZero(c0.holdMs()), c0 == null ? 0 : orZero(c0.lockTimeoutMs()));
            out.println();
        }
        List<String> strategies = strategies(cells);
        out.println("## Verdicts");
        out.println();
        out.println("`pass`: every check held. `lesson`: an unsafe strategy showed its failure (expected). "
                + "**FAIL**: a strategy meant to be safe broke a check (duplicate key reached the application, "
                + "lost update, duplicate row). `n/a`: the strategy cannot run on that database. After the verdict, "
                + "the dominant outcome: the most frequent way an attempt did not end with the row locked, with "
                + "its count of the cell's attempts, or `no errors`; the checks that did not hold are in brackets "
                + "after the verdict (a `lesson` with no errors is a lost update).");
        out.println();
        List<String> head = new ArrayList<>(List.of("framework call", "strategy"));
        cells.forEach(c -> head.add(c.database() + ", " + c.isolation()));
        List<List<String>> rows = new ArrayList<>();
        for (String s : strategies) {
            List<String> row = new ArrayList<>(List.of(call(s), "`" + s + "`"));
            for (Cell c : cells) {
                StrategyEntry r = c.strategy(s);
                row.add(r == null ? "n/a" : verdict(r) + brokenChecks(r) + ": " + dominant(r));
            }
            rows.add(row);
        }
        table(head, rows, out);
        betweenMajors(cells, strategies, out);
        Map<String, List<Cell>> byDatabase = new LinkedHashMap<>();
        cells.forEach(c -> byDatabase.computeIfAbsent(c.database(), k -> new ArrayList<>()).add(c));
        out.println();
        out.println("## What it cost");
        out.println();
        out.println("Per cell: the verdict (with the checks that did not hold), the attempts that did not end "
                + "with the row locked (by outcome), "
                + "retries, p99 latency and attempts per second. Which outcomes appear repeats from run to run; "
                + "their counts vary, and timings on a shared 2-core machine are indicative.");
        for (Map.Entry<String, List<Cell>> db : byDatabase.entrySet()) {
            out.println();
            out.println("### " + db.getKey());
            out.println();
            List<String> h = new ArrayList<>(List.of("strategy"));
            db.getValue().forEach(c -> h.add(c.isolation()));
            List<List<String>> costRows = new ArrayList<>();
            for (String s : strategies) {
                List<String> row = new ArrayList<>(List.of("`" + s + "`"));
                for (Cell c : db.getValue()) {
                    StrategyEntry r = c.strategy(s);
                    row.add(r == null ? "n/a" : cost(r));
                }
                costRows.add(row);
            }
            table(h, costRows, out);
        }
        out.println();
        out.println("Files: " + String.join(", ", cells.stream().map(c -> "`" + c.file() + "`").toList()) + ".");
        out.flush();
    }

    /**
     * Where a strategy's verdict differs between PostgreSQL majors at the same isolation level
     * ({@code scripts/matrix.sh --databases pg-majors}): one row per strategy and level that
     * changes, its verdict per major ({@code n/a}: not run there, e.g. MERGE before 15). Written
     * only when the cells hold two or more majors; when nothing changes it says so.
     */
    private static void betweenMajors(List<Cell> cells, List<String> strategies, PrintWriter out) {
        Map<String, Map<String, Cell>> byIsolation = new LinkedHashMap<>();
        Set<String> majors = new java.util.TreeSet<>(java.util.Comparator.comparingInt(Integer::parseInt));
        for (Cell c : cells) {
            DatabaseInfo db = c.result().database();
            String major = db == null ? "" : text(db.version()).split("\\.")[0];
            if (db != null && "PostgreSQL".equals(db.product()) && major.matches("[0-9]+")) {
                majors.add(major);
                byIsolation.computeIfAbsent(c.isolation(), k -> new LinkedHashMap<>()).putIfAbsent(major, c);
            }
        }
        if (majors.size() < 2) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, Cell>> level : byIsolation.entrySet()) {
            if (level.getValue().size() < 2) {
                continue;
            }
            for (String s : strategies) {
                List<String> verdicts = new ArrayList<>();
                for (String major : majors) {
                    Cell c = level.getValue().get(major);
                    StrategyEntry r = c == null ? null : c.strategy(s);
                    verdicts.add(c == null ? "-" : r == null ? "n/a" : verdict(r));
                }
                if (verdicts.stream().filter(v -> !v.equals("-")).distinct().count() > 1) {
                    List<String> row = new ArrayList<>(List.of("`" + s + "`", level.getKey()));
                    row.addAll(verdicts);
                    rows.add(row);
                }
            }
        }
        out.println();
        out.println("## Where the verdict changes between PostgreSQL majors");
        out.println();
        if (rows.isEmpty()) {
            out.println("No strategy's verdict changes between PostgreSQL " + String.join(", ", majors)
                    + " at the same isolation level.");
            return;
        }
        out.println("The strategies whose verdict (pass, lesson, **FAIL**) is not the same on every major at one "
                + "isolation level (`n/a`: not run on that major, it needs a newer one; `-`: no cell). Which checks a "
                + "lesson broke is in the table above; it can differ from run to run. The rest have one verdict on "
                + "all of " + String.join(", ", majors) + ".");
        out.println();
        List<String> head = new ArrayList<>(List.of("strategy", "isolation"));
        majors.forEach(m -> head.add("PostgreSQL " + m));
        table(head, rows, out);
    }

    private static List<String> strategies(List<Cell> cells) {
        Set<String> seen = new LinkedHashSet<>();
        cells.forEach(c -> c.result().strategies().forEach(s -> seen.add(text(s.strategy()))));
        List<String> ordered = new ArrayList<>();
        for (StrategyKind k : StrategyKind.values()) {
            if (seen.remove(k.id())) {
                ordered.add(k.id());
            }
        }
        ordered.addAll(seen); // from a newer lockdemo: keep, after the known ones
        return ordered;
    }

    /** "Rails (ActiveRecord): `T.create_or_find_by(...)`" from the registry; blank for a strategy it does not know. */
    static String call(String id) {
        return StrategyKind.fromId(id).map(k -> k.framework().displayName() + ": `"
                + k.modelledOn().call().replace("|", "\\|").replace("`", "'") + "`").orElse("");
    }

    /** The most frequent outcome that did not end with the row locked, "N of M attempts"; or "no errors". */
    static String dominant(StrategyEntry s) {
        String top = null;
        long most = 0;
        for (Outcome o : Outcome.all()) {
            long n = s.count(o.id());
            if (!o.isSuccess() && n > most) {
                top = o.id();
                most = n;
            }
        }
        return top == null ? "no errors" : String.format(Locale.US, "%s (%d of %d)", top, most, s.attemptsOrZero());
    }

    /** " (no_lost_update, ...)": the checks that did not hold, or "" when all did. */
    static String brokenChecks(StrategyEntry s) {
        List<String> broken = new ArrayList<>();
        for (Check c : s.checks()) {
            if (!c.passed() && c.applicable()) {
                broken.add(c.name());
            }
        }
        return broken.isEmpty() ? "" : " (" + String.join(", ", broken) + ")";
    }

    static String verdict(StrategyEntry strategy) {
        String v = strategy.verdict() == null ? "?" : strategy.verdict();
        return "fail".equals(v) ? "**FAIL**" : v;
    }

    static String cost(StrategyEntry s) {
        List<String> parts = new ArrayList<>();
        for (Outcome o : Outcome.all()) {
            long n = s.count(o.id());
            if (!o.isSuccess() && n > 0) {
                parts.add(n + " " + o.id());
            }
        }
        if (s.retriesOrZero() > 0) {
            parts.add(s.retriesOrZero() + " retries");
        }
        String failures = parts.isEmpty() ? "no errors" : String.join(", ", parts);
        return String.format(Locale.US, "%s%s: %s; p99 %.0f ms, %.0f/s", verdict(s), brokenChecks(s), failures,
                (s.latencyUs() == null || s.latencyUs().p99Us() == null ? 0 : s.latencyUs().p99Us()) / 1000,
                s.throughputPerS() == null ? 0 : s.throughputPerS());
    }

    private static void table(List<String> head, List<List<String>> rows, PrintWriter out) {
        out.println("| " + String.join(" | ", head) + " |");
        out.println("|" + "---|".repeat(head.size()));
        rows.forEach(r -> out.println("| " + String.join(" | ", r) + " |"));
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
