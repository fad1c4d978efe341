package org.lockdemo.strategy.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.lockdemo.model.Isolation;
import org.lockdemo.model.Outcome;
import org.lockdemo.strategy.file.StrategyFile.Backoff;
import org.lockdemo.strategy.file.StrategyFile.Capture;
import org.lockdemo.strategy.file.StrategyFile.Handler;
import org.lockdemo.strategy.file.StrategyFile.Param;
import org.lockdemo.strategy.file.StrategyFile.Sql;
import org.lockdemo.strategy.file.StrategyFile.Step;
import org.lockdemo.strategy.file.StrategyFile.Then;
import org.lockdemo.strategy.file.StrategyFile.Where;
import org.lockdemo.text.Shown;
import org.lockdemo.text.Utf8File;

/**
 * Reads a strategy file (YAML or JSON, the format of docs/strategy-files.md) and checks everything
 * that can be checked without a database, before any table is created: known keys, types,
 * conditions and outcomes, labels, and every path through the steps ({@link PathCheck}). Every
 * problem is one {@link StrategyFileException} line, {@code FILE:LINE:COLUMN: what is wrong}.
 * Stateless; thread-safe.
 */
public final class StrategyFileReader {
    /** The format version this reader knows: {@code lockdemo-strategy: 1}. */
    public static final int FORMAT_VERSION = 1;
    static final long MAX_BYTES = 1 << 20;
    static final int MAX_STEPS = 200;
    static final int MAX_LET = 20;
    /** The dialect ids a statement may be written for; {@code *} is every dialect. */
    static final Set<String> DIALECTS = Set.of("postgresql", "mysql");
    /**
     * The keys a statement's {@code sql:} mapping may have: the dialects, and {@code mariadb}, MariaDB's
     * own form beside {@code mysql}'s (which MySQL sends); see {@link Sql#on(String)}.
     */
    static final List<String> STATEMENT_KEYS = List.of("postgresql", "mysql", Sql.MARIADB);
    /** An INSERT ... RETURNING, or one wrapped in a function whose answer is its row (Sequelize's on PostgreSQL). */
    private static final Pattern INSERT_RETURNING = Pattern.compile("(?is)\\s*(INSERT|CREATE\\b.*\\bINSERT\\s+INTO)\\b.*"
            + "\\bRETURNING\\b.*");
    /** A keys: all statement: an INSERT whose VALUES are the rows of the attempt's keys. */
    private static final Pattern ALL_KEYS_INSERT = Pattern.compile("(?is)\\s*INSERT\\s+INTO\\s+\\{table\\}.*"
            + "\\bVALUES\\s*\\{rows\\}.*");
    private static final Pattern LOCKING_READ = Pattern.compile("(?is)\\s*SELECT\\b.*\\bFOR\\s+UPDATE\\b.*");
    private static final Pattern RETURNING_WORD = Pattern.compile("(?is).*\\bRETURNING\\b.*");
    private static final Pattern RETURNING_KEY = Pattern.compile("(?is).*\\bRETURNING\\s+jahr\\s*,\\s*monat\\s*");
    /** Where a keys: all statement's rows go. */
    static final String ROWS = "{rows}";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,39}");
    /**
     * A savepoint name as a framework quotes it, sent as written: Sequelize's {@code `lockdemo-sp-1`}
     * on MySQL and MariaDB, {@code "lockdemo-sp-1"} on PostgreSQL.
     */
    private static final Pattern QUOTED_SAVEPOINT = Pattern.compile("\"[A-Za-z_][A-Za-z0-9_-]{0,39}\"|`[A-Za-z_][A-Za-z0-9_-]{0,39}`");
    private static final Pattern CONDITION_TEXT = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(==|!=|<=|>=|<|>)\\s*"
            + "(?:(-?[0-9]{1,18})|([A-Za-z_][A-Za-z0-9_]*))\\s*");
    private static final Pattern NULL_TEST = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s+is\\s+(not\\s+)?null\\s*");
    /** The conditions a handler is keyed by: lockdemo's names for the errors a get-or-create meets. */
    static final List<Outcome> CONDITIONS = List.of(Outcome.UNIQUE_VIOLATION, Outcome.DEADLOCK,
            Outcome.LOCK_NOT_AVAILABLE, Outcome.LOCK_TIMEOUT, Outcome.SERIALIZATION_FAILURE,
            Outcome.CERTIFICATION_FAILURE);
    private static final Set<String> TOP = Set.of("lockdemo-strategy", "name", "description", "claims", "transaction",
            "counter", "requires", "settings", "steps", "finally", "table", "let");
    private static final Set<String> STEP_KEYS = Set.of("id", "sql", "capture", "on", "then", "if", "savepoint",
            "release", "commit", "rollback", "dialect", "connection", "keys", "rows");
    /** The lock clauses a statement may name, per dialect, so one file runs on both. */
    static final Map<String, Map<String, String>> CLAUSES = Map.of(
            "for_update", Map.of("postgresql", "FOR UPDATE", "mysql", "FOR UPDATE"),
            "for_update_nowait", Map.of("postgresql", "FOR UPDATE NOWAIT", "mysql", "FOR UPDATE NOWAIT"),
            "for_update_skip_locked", Map.of("postgresql", "FOR UPDATE SKIP LOCKED", "mysql", "FOR UPDATE SKIP LOCKED"),
            "for_share", Map.of("postgresql", "FOR SHARE", "mysql", "LOCK IN SHARE MODE"));

    private StrategyFileReader() {
    }

    /** Reads and checks the file at {@code file}. */
    public static StrategyFile read(Path file) throws StrategyFileException {
        String source = file.toString();
        try {
            if (!Files.isRegularFile(file)) {
                throw new StrategyFileException(source + ": " + (Files.exists(file) ? "not a regular file" : "no such file"));
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new StrategyFileException(source + ": larger than " + MAX_BYTES / 1024 + " KB; a strategy is a few "
                        + "dozen lines");
            }
            return read(Utf8File.read(file), source);
        } catch (Utf8File.NotUtf8 e) {
            throw new StrategyFileException(source + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StrategyFileException(source + ": cannot read it (" + Shown.shown(String.valueOf(e.getMessage()))
                    + ")", e);
        }
    }

    /** Reads and checks {@code text}; {@code source} names it in messages. */
    public static StrategyFile read(String text, String source) throws StrategyFileException {
        Node root = NodeReader.read(text, source);
        Fields top = Fields.of(root, source, "the strategy file", TOP);
        Node version = top.required("lockdemo-strategy");
        if (!(version instanceof Node.Scalar v) || !String.valueOf(FORMAT_VERSION).equals(v.text())) {
            throw new StrategyFileException(at(source, version) + ": lockdemo-strategy must be " + FORMAT_VERSION
                    + " (the format this lockdemo reads), got " + describe(version));
        }
        String name = top.text("name");
        if (!NAME.matcher(name).matches()) {
            throw new StrategyFileException(at(source, top.required("name")) + ": name " + Shown.quote(name)
                    + " must be lower case letters, digits and -, starting with a letter, at most 40");
        }
        String description = top.optional("description").isPresent() ? top.text("description") : "";
        boolean expectedSafe = false;
        boolean locksRow = false;
        if (top.optional("claims").isPresent()) {
            Fields claims = Fields.of(top.required("claims"), source, "claims", Set.of("expected_safe", "locks_row"));
            expectedSafe = claims.optional("expected_safe").isPresent() && claims.bool("expected_safe");
            locksRow = claims.optional("locks_row").isPresent() && claims.bool("locks_row");
        }
        boolean begin = true;
        Optional<Isolation> isolation = Optional.empty();
        if (top.optional("transaction").isPresent()) {
            Fields tx = Fields.of(top.required("transaction"), source, "transaction", Set.of("begin", "isolation"));
            begin = tx.optional("begin").isEmpty() || tx.bool("begin");
            if (tx.optional("isolation").isPresent()) {
                String iso = tx.text("isolation").toLowerCase(Locale.ROOT).replace('_', '-');
                isolation = Optional.of(Arrays.stream(Isolation.values()).filter(i -> i != Isolation.DEFAULT
                        && i.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(iso)).findFirst()
                        .orElseThrow(() -> new StrategyFileException(at(source, tx.node("isolation")) + ": isolation "
                                + Shown.quote(iso) + " is not one of read-committed, repeatable-read, serializable")));
            }
        }
        Node counterNode = top.required("counter");
        List<String> counter = counters(counterNode, source);
        Map<String, Integer> requires = requires(top, source);
        List<Sql> settings = top.optional("settings").isPresent() ? sqlList(top.required("settings"), source, "settings")
                : List.of();
        List<StrategyFile.Finally> finallySteps = top.optional("finally").isPresent()
                ? finallyList(top.required("finally"), source) : List.of();
        for (Sql q : settings) {
            keyNotWrittenIn(q, top.node("settings"), source, "settings");
        }
        for (StrategyFile.Finally q : finallySteps) {
            keyNotWrittenIn(q.sql(), top.node("finally"), source, "finally");
        }
        Node stepsNode = top.required("steps");
        if (!(stepsNode instanceof Node.ListNode list) || list.items().isEmpty()) {
            throw new StrategyFileException(at(source, stepsNode) + ": steps must be a list of steps, got "
                    + describe(stepsNode));
        }
        if (list.items().size() > MAX_STEPS) {
            throw new StrategyFileException(at(source, stepsNode) + ": " + list.items().size() + " steps; at most "
                    + MAX_STEPS);
        }
        List<Step> steps = new ArrayList<>();
        for (Node s : list.items()) {
            steps.add(step(s, source, begin));
        }
        allKeysFirst(steps, top.optional("table").isPresent(), source);
        Optional<StrategyFile.Table> table = Optional.empty();
        if (top.optional("table").isPresent()) {
            table = Optional.of(TableReader.read(top.node("table"), source, counter, counterNode));
            Set<String> columns = table.get().key().keySet();
            for (Step s : steps) {
                if (s.inner() instanceof Step.Statement st) {
                    for (String c : st.captures().keySet()) {
                        if (columns.contains(c)) {
                            throw new StrategyFileException(s.where() + ": capture " + Shown.quote(c) + " is a key "
                                    + "column of table.key; :" + c + " is bound from the key, give the capture another name");
                        }
                    }
                }
            }
            steps = steps.stream().map(s -> keyColumns(s, columns)).toList();
            settings = settings.stream().map(q -> keyColumns(q, columns)).toList();
            finallySteps = finallySteps.stream().map(q -> new StrategyFile.Finally(keyColumns(q.sql(), columns), q.commit(),
                    q.when())).toList();
        }
        Map<String, LetValue> let = top.optional("let").isPresent() ? let(top.node("let"), source) : Map.of();
        for (String n : let.keySet()) {
            if (table.isPresent() && table.get().key().containsKey(n)) {
                throw new StrategyFileException(let.get(n).where() + ": let " + n + " is a key column of table.key; give "
                        + "it another name");
            }
        }
        for (Step s : steps) {
            if (s.inner() instanceof Step.Branch b) {
                for (String r : b.reads()) {
                    if (let.get(r) instanceof KeyText) {
                        throw new StrategyFileException(s.where() + ": let " + r + " is a text; an if compares whole "
                                + "numbers");
                    }
                }
            }
            if (s.inner() instanceof Step.Statement st) {
                for (String c : st.captures().keySet()) {
                    if (let.containsKey(c)) {
                        throw new StrategyFileException(s.where() + ": capture " + Shown.quote(c) + " is computed from "
                                + "the key by let (" + let.get(c).where().substring(source.length() + 1) + "); give the "
                                + "capture another name");
                    }
                }
            }
        }
        StrategyFile f = new StrategyFile(source, name, description, expectedSafe, locksRow, begin, isolation, counter,
                requires, settings, steps, finallySteps, table, let);
        for (String id : counter) {
            Step c = steps.stream().filter(s -> s.id().equals(id)).findFirst()
                    .orElseThrow(() -> new StrategyFileException(at(source, counterNode) + ": counter "
                            + Shown.quote(id) + ": no step has that id (or say counter: none)"));
            // an if: when it holds, the attempt's increment is one it meant without a write (Laravel's
            // save() of a model that is not dirty sends nothing)
            if (c instanceof Step.AllKeys || c instanceof Step.OnlyOn o && o.step() instanceof Step.AllKeys) {
                throw new StrategyFileException(at(source, counterNode) + ": counter " + Shown.quote(id) + " is a keys: "
                        + "all statement, sent once for all the keys; name the statement that updates each key's counter");
            }
            if (!(c.inner() instanceof Step.Statement) && !(c.inner() instanceof Step.Branch)) {
                throw new StrategyFileException(at(source, counterNode) + ": counter " + Shown.quote(id)
                        + " is not a statement or an if");
            }
        }
        Set<String> set = new java.util.HashSet<>(let.keySet());
        steps.forEach(s -> {
            if (s.inner() instanceof Step.Statement st) {
                set.addAll(st.captures().keySet());
            }
        });
        for (StrategyFile.Finally q : finallySteps) {
            if (q.when().isPresent()) {
                for (String r : q.when().get().reads()) {
                    if (!set.contains(r)) {
                        throw new StrategyFileException(q.when().get().where() + ": " + Shown.quote(r) + " is used here "
                                + "but no step captures it");
                    }
                }
            }
        }
        PathCheck.check(f);
        return f;
    }

    /**
     * The {@code keys: all} statements come before the steps per key (they are sent once, first), not
     * with a {@code table:} of the user's (the rows bind lockdemo's key, and the inserted keys come
     * back as {@code jahr, monat}); a locking read's {@code settles} names one's {@code key_inserted}
     * capture, and one that counts rows only (no RETURNING, MySQL) has its capture settled by a read.
     */
    private static void allKeysFirst(List<Step> steps, boolean table, String source) throws StrategyFileException {
        Map<String, Step.AllKeys> inserted = new LinkedHashMap<>();
        int perKey = -1;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            Step.AllKeys all = s instanceof Step.AllKeys a ? a : s instanceof Step.OnlyOn o
                    && o.step() instanceof Step.AllKeys wrapped ? wrapped : null;
            if (all == null) {
                perKey = perKey < 0 ? i : perKey;
                continue;
            }
            if (perKey >= 0) {
                throw new StrategyFileException(s.where() + ": a keys: all statement is sent once, before the steps "
                        + "for each key; move it before step " + (perKey + 1) + " (" + steps.get(perKey).where().pos()
                        + "), which runs per key");
            }
            if (table) {
                throw new StrategyFileException(s.where() + ": keys: all binds lockdemo's key (:jahr, :monat) per row; "
                        + "it does not go with a table: section yet");
            }
            inserted.put(all.statement().captures().keySet().iterator().next(), all);
        }
        java.util.Set<String> settled = new java.util.HashSet<>();
        for (Step s : steps) {
            if (s.inner() instanceof Step.Statement st) {
                for (var e : st.captures().entrySet()) {
                    if (e.getValue() instanceof Capture.Column c && !c.settles().isEmpty()) {
                        if (!inserted.containsKey(c.settles())) {
                            throw new StrategyFileException(s.where() + ": capture " + Shown.quote(e.getKey())
                                    + " settles " + Shown.quote(c.settles()) + ", which no keys: all statement "
                                    + "captures as key_inserted");
                        }
                        if (!LOCKING_READ.matcher(st.sql().byDialect().values().iterator().next().sql()).matches()) {
                            throw new StrategyFileException(s.where() + ": capture " + Shown.quote(e.getKey())
                                    + " settles " + Shown.quote(c.settles()) + " from the row as this transaction "
                                    + "holds it: a SELECT ... {for_update}");
                        }
                        settled.add(c.settles());
                    }
                }
            }
        }
        for (var e : inserted.entrySet()) {
            boolean counts = e.getValue().statement().sql().byDialect().values().stream()
                    .anyMatch(t -> !RETURNING_WORD.matcher(t.sql()).matches());
            if (counts && !settled.contains(e.getKey())) {
                throw new StrategyFileException(e.getValue().where() + ": without RETURNING (MySQL) the statement "
                        + "counts the rows it inserted, not which: settle " + Shown.quote(e.getKey()) + " under the "
                        + "row lock, capture: {value: {column: some_value, settles: " + e.getKey() + "}}");
            }
        }
    }

    /** {@code {jahr}}, {@code {monat}} (the key written in, for a function body) belong in a step's statement only. */
    private static void keyNotWrittenIn(Sql sql, Node at, String source, String what) throws StrategyFileException {
        for (Sql.Text t : sql.byDialect().values()) {
            if (t.sql().contains(ROWS)) {
                throw new StrategyFileException(at(source, at) + ": " + what + " is sent once per try, as written; "
                        + "{rows} (the VALUES rows of the attempt's keys) belongs in a keys: all statement");
            }
            if (t.sql().contains("{jahr}") || t.sql().contains("{monat}")) {
                throw new StrategyFileException(at(source, at) + ": " + what + " binds the key as :jahr, :monat; "
                        + "{jahr} and {monat} (the key written in, for a function body) belong in a step's statement");
            }
        }
    }

    /** The step with its {@code :COLUMN} parameters of the user's key columns bound from the key, not captures. */
    private static Step keyColumns(Step s, Set<String> columns) {
        if (s instanceof Step.OnlyOn o) {
            return new Step.OnlyOn(o.dialect(), keyColumns(o.step(), columns));
        }
        if (s instanceof Step.Statement st) {
            return new Step.Statement(st.id(), st.where(), keyColumns(st.sql(), columns), st.captures(), st.handlers(),
                    st.then());
        }
        return s;
    }

    private static Sql keyColumns(Sql sql, Set<String> columns) {
        Map<String, Sql.Text> by = new LinkedHashMap<>();
        sql.byDialect().forEach((d, t) -> by.put(d, new Sql.Text(t.sql(), t.params().stream()
                .map(p -> p instanceof Param.Capture c && columns.contains(c.name()) ? new Param.Column(c.name()) : p)
                .toList())));
        return new Sql(by);
    }

    /**
     * {@code let: {NAME: "jahr * 100 + monat", ...}}: whole numbers computed from the key; a value
     * with braces is a text, {@code "{table}:{jahr}:{monat}"} ({@link KeyText}).
     */
    private static Map<String, LetValue> let(Node n, String source) throws StrategyFileException {
        if (!(n instanceof Node.MapNode m) || m.entries().isEmpty()) {
            throw new StrategyFileException(at(source, n) + ": let must be a mapping of NAME to an expression of the "
                    + "key, e.g. {assigned_id: \"jahr * 100 + monat\"}, got " + describe(n));
        }
        if (m.entries().size() > MAX_LET) {
            throw new StrategyFileException(at(source, n) + ": " + m.entries().size() + " let values; at most " + MAX_LET);
        }
        Map<String, LetValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : m.entries().entrySet()) {
            String name = e.getKey();
            Node v = e.getValue();
            String where = source + ":" + m.keys().get(name);
            if (!LABEL.matcher(name).matches() || name.equals("jahr") || name.equals("monat")) {
                throw new StrategyFileException(where + ": let name " + Shown.quote(name) + " must be a letter or _ and "
                        + "up to 40 letters, digits or _, and not jahr or monat");
            }
            if (v instanceof Node.Scalar t && t.type() == Node.Scalar.Type.STRING && t.text().contains("{")) {
                out.put(name, KeyText.parse(source + ":" + v.pos(), name, t.text()).orElseThrow(() ->
                        new StrategyFileException(at(source, v) + ": let " + name + " is a text with the placeholders "
                                + KeyText.PLACEHOLDERS + ", e.g. \"{table}:{jahr}:{monat}\", got " + describe(v))));
                continue;
            }
            Optional<LetValue> kv = v instanceof Node.Scalar s && s.type() != Node.Scalar.Type.NULL
                    && s.type() != Node.Scalar.Type.BOOLEAN ? KeyValue.parse(source + ":" + v.pos(), name, s.text())
                            .map(LetValue.class::cast)
                            : Optional.empty();
            out.put(name, kv.orElseThrow(() -> new StrategyFileException(at(source, v) + ": let " + name + " must be "
                    + "jahr, monat, index and whole numbers joined by *, + and - (no parentheses), e.g. \"jahr * 100 + "
                    + "monat\", got " + describe(v))));
        }
        return out;
    }

    /** {@code counter: ID}, {@code counter: [ID, ...]} or {@code counter: none}. */
    private static List<String> counters(Node n, String source) throws StrategyFileException {
        if (n instanceof Node.Scalar s && s.type() == Node.Scalar.Type.STRING) {
            return s.text().equals("none") ? List.of() : List.of(s.text());
        }
        if (n instanceof Node.ListNode l && !l.items().isEmpty()) {
            List<String> ids = new ArrayList<>();
            for (Node i : l.items()) {
                if (!(i instanceof Node.Scalar s) || s.type() != Node.Scalar.Type.STRING) {
                    throw new StrategyFileException(at(source, i) + ": counter lists step ids, got " + describe(i));
                }
                ids.add(s.text());
            }
            return List.copyOf(ids);
        }
        throw new StrategyFileException(at(source, n) + ": counter names the step(s) that update the counter, or is "
                + "none, got " + describe(n));
    }

    private static Map<String, Integer> requires(Fields top, String source) throws StrategyFileException {
        if (top.optional("requires").isEmpty()) {
            return Map.of();
        }
        Fields r = Fields.of(top.required("requires"), source, "requires", DIALECTS);
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String d : DIALECTS) {
            if (r.optional(d).isPresent()) {
                out.put(d, (int) r.whole(d, 0, 99));
            }
        }
        if (out.isEmpty()) {
            throw new StrategyFileException(at(source, top.required("requires")) + ": requires names no dialect; "
                    + "give e.g. requires: {postgresql: 15}");
        }
        return out;
    }

    private static Step step(Node n, String source, boolean begin) throws StrategyFileException {
        return step(n, source, begin, false);
    }

    /** A step; {@code allKeys}: the statement of a {@code keys: all} step, whose text may have {@code {rows}}. */
    private static Step step(Node n, String source, boolean begin, boolean allKeys) throws StrategyFileException {
        if (n instanceof Node.Scalar s && s.type() == Node.Scalar.Type.STRING && s.text().equals("commit")) {
            return new Step.Commit("", new Where(source, n.pos()));
        }
        Fields f = Fields.of(n, source, "a step", STEP_KEYS);
        Where where = new Where(source, n.pos());
        if (f.optional("dialect").isPresent()) {
            String d = f.text("dialect");
            if (!DIALECTS.contains(d)) {
                throw new StrategyFileException(at(source, f.node("dialect")) + ": dialect " + Shown.quote(d) + " is not "
                        + "one of postgresql, mysql (MySQL and MariaDB)");
            }
            Node.MapNode m = (Node.MapNode) n;
            Map<String, Node> entries = new LinkedHashMap<>(m.entries());
            entries.remove("dialect");
            Map<String, Node.Pos> keys = new LinkedHashMap<>(m.keys());
            keys.remove("dialect");
            return new Step.OnlyOn(d, step(new Node.MapNode(m.pos(), entries, keys), source, begin));
        }
        if (f.optional("connection").isPresent()) {
            int number = (int) f.whole("connection", 1, 2);
            Node.MapNode m = (Node.MapNode) n;
            Map<String, Node> entries = new LinkedHashMap<>(m.entries());
            entries.remove("connection");
            Map<String, Node.Pos> keys = new LinkedHashMap<>(m.keys());
            keys.remove("connection");
            Step on = step(new Node.MapNode(m.pos(), entries, keys), source, begin);
            if (number == 1) {
                return on;
            }
            if (!begin) {
                throw new StrategyFileException(at(source, f.node("connection")) + ": connection: 2 is a session with a "
                        + "transaction of its own; this file says transaction: {begin: false}");
            }
            if (on instanceof Step.Statement st && !st.handlers().isEmpty()) {
                throw new StrategyFileException(at(source, f.node("connection")) + ": a statement on connection: 2 "
                        + "takes no on: handlers (they roll back the first connection's transaction)");
            }
            if (on instanceof Step.Statement st && st.sql().byDialect().values().stream().allMatch(t -> t.sql()
                    .stripLeading().toUpperCase(Locale.ROOT).startsWith("SELECT"))) {
                return new Step.OnSecond(on);
            }
            if (on instanceof Step.Commit) {
                return new Step.OnSecond(on);
            }
            throw new StrategyFileException(at(source, f.node("connection")) + ": connection: 2 takes a SELECT or a "
                    + "commit (a re-read on another session); the attempt's writes go on its first connection");
        }
        if (f.optional("keys").isPresent()) {
            return allKeys(f, (Node.MapNode) n, source, begin);
        }
        String id = f.optional("id").isPresent() ? f.text("id") : "";
        if (!id.isEmpty() && !LABEL.matcher(id).matches()) {
            throw new StrategyFileException(at(source, f.node("id")) + ": id " + Shown.quote(id) + " must be a letter or "
                    + "_ and up to 40 letters, digits, _ or -");
        }
        List<String> kinds = f.present("sql", "if", "savepoint", "release", "commit", "rollback");
        if (kinds.size() != 1) {
            throw new StrategyFileException(where + ": a step is one of sql, if, savepoint, release, commit or rollback; "
                    + (kinds.isEmpty() ? "this has none" : "this has " + String.join(" and ", kinds)));
        }
        switch (kinds.get(0)) {
            case "sql" -> {
                f.only("id", "sql", "capture", "on", "then");
                Sql sql = sql(f.node("sql"), source);
                Map<String, Capture> captures = f.optional("capture").isPresent() ? captures(f.node("capture"), source)
                        : Map.of();
                Map<Outcome, Handler> handlers = f.optional("on").isPresent() ? handlers(f.node("on"), source, begin)
                        : Map.of();
                Then then = f.optional("then").isPresent() ? then(f.node("then"), source) : new Then.Next();
                List<String> says = captures.entrySet().stream().filter(e -> e.getValue() instanceof Capture.Column c
                        && c.inserted() != Capture.Inserted.NO).map(Map.Entry::getKey).toList();
                if (says.size() > 1) {
                    throw new StrategyFileException(at(source, f.node("capture")) + ": one column says whether the "
                            + "statement inserted; this names " + String.join(" and ", says));
                }
                if (!says.isEmpty() && sql.byDialect().values().stream().anyMatch(t -> !INSERT_RETURNING.matcher(t.sql())
                        .matches())) {
                    throw new StrategyFileException(at(source, f.node("capture")) + ": capture " + says.get(0) + " says "
                            + "whether an INSERT ... RETURNING inserted; this statement is not one");
                }
                if (!allKeys && sql.byDialect().values().stream().anyMatch(t -> t.sql().contains(ROWS))) {
                    throw new StrategyFileException(at(source, f.node("sql")) + ": {rows} is the VALUES rows of a "
                            + "statement sent once for all the attempt's keys; say keys: all and give rows:");
                }
                if (!allKeys && captures.values().stream().anyMatch(Capture.KeyInserted.class::isInstance)) {
                    throw new StrategyFileException(at(source, f.node("capture")) + ": key_inserted is the capture of "
                            + "a keys: all statement (which of the attempt's keys it inserted)");
                }
                return new Step.Statement(id, where, sql, captures, handlers, then);
            }
            case "if" -> {
                f.only("id", "if", "then");
                return condition(f.node("if"), source, id, where, then(f.required("then"), source));
            }
            case "savepoint", "release" -> {
                String kind = kinds.get(0);
                f.only("id", kind);
                if (!begin) {
                    throw new StrategyFileException(where + ": a " + kind + " needs a transaction; this file says "
                            + "transaction: {begin: false}");
                }
                String sp = f.text(kind);
                if (!LABEL.matcher(sp).matches() && !QUOTED_SAVEPOINT.matcher(sp).matches()) {
                    throw new StrategyFileException(at(source, f.node(kind)) + ": savepoint name " + Shown.quote(sp)
                            + " must be a letter or _ and up to 40 letters, digits, _ or -, or such a name in \"...\" "
                            + "or `...` quotes");
                }
                return kind.equals("savepoint") ? new Step.Savepoint(id, where, sp) : new Step.Release(id, where, sp);
            }
            case "rollback" -> {
                f.only("id", "rollback");
                return new Step.Finish(id, where, new Then.End(false, outcome(f.node("rollback"), source, false),
                        Optional.empty()));
            }
            default -> {
                f.only("id", "commit");
                if (f.node("commit") instanceof Node.Scalar c && c.type() == Node.Scalar.Type.STRING) {
                    return new Step.Finish(id, where, new Then.End(true, outcome(f.node("commit"), source, true),
                            Optional.empty()));
                }
                if (!f.bool("commit")) {
                    throw new StrategyFileException(at(source, f.node("commit")) + ": commit: false does nothing; "
                            + "leave the step out");
                }
                if (!begin) {
                    throw new StrategyFileException(where + ": commit needs a transaction; this file says transaction: "
                            + "{begin: false}, where every statement commits by itself");
                }
                return new Step.Commit(id, where);
            }
        }
    }

    /**
     * {@code keys: all} with {@code rows: "(:jahr, :monat, 0)"} on a multi-row INSERT whose VALUES are
     * {@code {rows}}: sent once for all the attempt's keys, the template repeated per key in the
     * attempt's order (the built-in upsert-multirow). It is one statement of the attempt's one
     * transaction, with no handler or then of its own yet, and it captures which keys it inserted
     * ({@code key_inserted}) and nothing else.
     */
    private static Step allKeys(Fields f, Node.MapNode m, String source, boolean begin) throws StrategyFileException {
        Node keys = f.node("keys");
        if (!(keys instanceof Node.Scalar k) || k.type() != Node.Scalar.Type.STRING || !k.text().equals("all")) {
            throw new StrategyFileException(at(source, keys) + ": keys must be all (the statement is sent once for all "
                    + "the attempt's keys), got " + describe(keys));
        }
        if (!begin) {
            throw new StrategyFileException(at(source, keys) + ": keys: all sends one statement for all the attempt's "
                    + "keys in its one transaction; this file says transaction: {begin: false}, where every statement "
                    + "commits by itself");
        }
        if (f.optional("rows").isEmpty()) {
            throw new StrategyFileException(at(source, keys) + ": keys: all needs rows: the VALUES row of one key, e.g. "
                    + "\"(:jahr, :monat, 0)\", repeated per key at {rows}");
        }
        if (f.optional("sql").isEmpty()) {
            throw new StrategyFileException(at(source, keys) + ": keys: all goes with a statement (sql:), a multi-row "
                    + "INSERT");
        }
        for (String no : List.of("on", "then")) {
            if (f.optional(no).isPresent()) {
                throw new StrategyFileException(source + ":" + m.keys().get(no) + ": a keys: all statement takes no "
                        + no + ": (an error it meets reaches the application, as the built-in upsert-multirow's does)");
            }
        }
        Node rowsNode = f.node("rows");
        Sql.Text rows = text(f.text("rows"), "postgresql", rowsNode, source, false);
        boolean jahr = rows.params().stream().anyMatch(Param.Jahr.class::isInstance);
        boolean monat = rows.params().stream().anyMatch(Param.Monat.class::isInstance);
        if (!jahr || !monat || rows.params().stream().anyMatch(p -> !(p instanceof Param.Jahr || p instanceof Param.Monat))
                || !rows.sql().strip().startsWith("(") || !rows.sql().strip().endsWith(")") || rows.sql().contains("{")) {
            throw new StrategyFileException(at(source, rowsNode) + ": rows is one key's VALUES row, binding the key as "
                    + ":jahr and :monat and nothing else, e.g. \"(:jahr, :monat, 0)\", got " + describe(rowsNode));
        }
        Map<String, Node> entries = new LinkedHashMap<>(m.entries());
        entries.remove("keys");
        entries.remove("rows");
        Map<String, Node.Pos> pos = new LinkedHashMap<>(m.keys());
        pos.remove("keys");
        pos.remove("rows");
        Step.Statement st = (Step.Statement) step(new Node.MapNode(m.pos(), entries, pos), source, begin, true);
        for (Sql.Text t : st.sql().byDialect().values()) {
            if (!ALL_KEYS_INSERT.matcher(t.sql()).matches() || !t.params().isEmpty()) {
                throw new StrategyFileException(at(source, f.node("sql")) + ": a keys: all statement is one INSERT ... "
                        + "VALUES {rows} ..., its parameters in rows; got " + Shown.quote(t.sql()));
            }
            if (RETURNING_WORD.matcher(t.sql()).matches() && !RETURNING_KEY.matcher(t.sql()).matches()) {
                throw new StrategyFileException(at(source, f.node("sql")) + ": a keys: all INSERT ... RETURNING says "
                        + "which keys it inserted by returning them: end it with RETURNING jahr, monat");
            }
        }
        List<String> says = st.captures().entrySet().stream().filter(e -> e.getValue() instanceof Capture.KeyInserted)
                .map(Map.Entry::getKey).toList();
        if (says.size() != 1 || st.captures().size() != 1) {
            throw new StrategyFileException(at(source, f.optional("capture").isPresent() ? f.node("capture") : keys)
                    + ": a keys: all statement captures which of the keys it inserted, and only that: capture: "
                    + "{NAME: key_inserted}");
        }
        return new Step.AllKeys(st, rows);
    }

    /** {@code if:}'s condition, {@code NAME OP N}, {@code NAME OP OTHER} or {@code NAME is [not] null}. */
    private static Step.Branch condition(Node c, String source, String id, Where where, Then then)
            throws StrategyFileException {
        String text = c instanceof Node.Scalar s && s.type() == Node.Scalar.Type.STRING ? s.text() : "";
        Matcher m = CONDITION_TEXT.matcher(text);
        Matcher isNull = NULL_TEST.matcher(text);
        if (isNull.matches()) {
            return new Step.Branch(id, where, isNull.group(1), isNull.group(2) == null ? Step.Branch.IS_NULL
                    : Step.Branch.IS_NOT_NULL, 0, then);
        }
        if (!m.matches()) {
            throw new StrategyFileException(at(source, c) + ": if must be NAME OP NUMBER, NAME OP NAME or NAME "
                    + "is [not] null, e.g. \"rows == 0\" (OP one of == != < <= > >=), got " + describe(c));
        }
        if (m.group(4) != null && m.group(4).equalsIgnoreCase("null")) {
            throw new StrategyFileException(at(source, c) + ": a NULL is not equal to anything; write \""
                    + m.group(1) + " is null\" or \"" + m.group(1) + " is not null\"");
        }
        if (m.group(4) != null) {
            return new Step.Branch(id, where, m.group(1), m.group(2), 0, m.group(4), then);
        }
        return new Step.Branch(id, where, m.group(1), m.group(2), Long.parseLong(m.group(3)), then);
    }

    /** A statement: one text for every dialect, or a mapping of dialect id to text. */
    static Sql sql(Node n, String source) throws StrategyFileException {
        Map<String, Sql.Text> by = new LinkedHashMap<>();
        if (n instanceof Node.Scalar s && s.type() == Node.Scalar.Type.STRING) {
            for (String d : DIALECTS) {
                by.put(d, text(s.text(), d, n, source));
            }
        } else if (n instanceof Node.MapNode m) {
            Fields f = Fields.of(n, source, "sql", Set.copyOf(STATEMENT_KEYS));
            if (m.entries().isEmpty()) {
                throw new StrategyFileException(at(source, n) + ": sql names no dialect");
            }
            if (f.optional(Sql.MARIADB).isPresent() && f.optional("mysql").isEmpty()) {
                throw new StrategyFileException(source + ":" + m.keys().get(Sql.MARIADB) + ": mariadb is MariaDB's "
                        + "form beside mysql's; give the mysql form too (MySQL sends it)");
            }
            for (String d : STATEMENT_KEYS) {
                if (f.optional(d).isPresent()) {
                    by.put(d, text(f.text(d), d, f.node(d), source));
                }
            }
        } else {
            throw new StrategyFileException(at(source, n) + ": sql must be a statement, or a mapping of dialect "
                    + "(postgresql, mysql) to statement, got " + describe(n));
        }
        return new Sql(by);
    }

    /**
     * {@code finally:}: each a statement (one text, or per dialect), committed; or {@code {sql: ...,
     * commit: false, if: "NAME OP N"}}: not committed, and sent only when the condition holds.
     */
    private static List<StrategyFile.Finally> finallyList(Node n, String source) throws StrategyFileException {
        if (!(n instanceof Node.ListNode l)) {
            throw new StrategyFileException(at(source, n) + ": finally must be a list of statements, got " + describe(n));
        }
        List<StrategyFile.Finally> out = new ArrayList<>();
        for (Node i : l.items()) {
            if (i instanceof Node.MapNode m && m.entries().containsKey("sql")) {
                Fields f = Fields.of(i, source, "a finally statement", Set.of("sql", "commit", "if"));
                boolean commit = f.optional("commit").isEmpty() || f.bool("commit");
                Optional<Step.Branch> when = Optional.empty();
                if (f.optional("if").isPresent()) {
                    when = Optional.of(condition(f.node("if"), source, "", new Where(source, f.node("if").pos()),
                            new Then.Next()));
                }
                out.add(new StrategyFile.Finally(sql(f.node("sql"), source), commit, when));
            } else {
                out.add(new StrategyFile.Finally(sql(i, source), true, Optional.empty()));
            }
        }
        return out;
    }

    private static List<Sql> sqlList(Node n, String source, String what) throws StrategyFileException {
        if (!(n instanceof Node.ListNode l)) {
            throw new StrategyFileException(at(source, n) + ": " + what + " must be a list of statements, got "
                    + describe(n));
        }
        List<Sql> out = new ArrayList<>();
        for (Node i : l.items()) {
            out.add(sql(i, source));
        }
        return out;
    }

    /**
     * A statement's text for one dialect: {@code {for_update}} and the other lock clauses written
     * as that dialect writes them, {@code :name} parameters turned into {@code ?} (not inside
     * quotes, not {@code ::} casts or {@code :=}); {@code {table}} stays for the run's table.
     */
    static Sql.Text text(String written, String dialect, Node at, String source) throws StrategyFileException {
        return text(written, dialect, at, source, true);
    }

    /** As {@link #text(String, String, Node, String)}; {@code whole}: a statement (not a keys: all row), which names {@code {table}}. */
    private static Sql.Text text(String written, String dialect, Node at, String source, boolean whole)
            throws StrategyFileException {
        if (written.isBlank()) {
            throw new StrategyFileException(at(source, at) + ": an empty statement");
        }
        StringBuilder sql = new StringBuilder();
        List<Param> params = new ArrayList<>();
        int i = 0;
        while (i < written.length()) {
            char ch = written.charAt(i);
            if (ch == '\'' || ch == '"' || ch == '`') {
                int end = written.indexOf(ch, i + 1);
                if (end < 0) {
                    throw new StrategyFileException(at(source, at) + ": a quote " + ch + " that is never closed");
                }
                sql.append(written, i, end + 1);
                i = end + 1;
            } else if (ch == ':' && i + 1 < written.length() && (written.charAt(i + 1) == ':' || written.charAt(i + 1) == '=')) {
                sql.append(written, i, i + 2);
                i += 2;
            } else if (ch == ':' && i + 1 < written.length() && Character.isLetter(written.charAt(i + 1))) {
                int end = i + 1;
                while (end < written.length() && (Character.isLetterOrDigit(written.charAt(end)) || written.charAt(end) == '_')) {
                    end++;
                }
                String p = written.substring(i + 1, end);
                params.add(switch (p) {
                    case "jahr" -> new Param.Jahr();
                    case "monat" -> new Param.Monat();
                    default -> new Param.Capture(p);
                });
                sql.append('?');
                i = end;
            } else if (ch == '?') {
                throw new StrategyFileException(at(source, at) + ": write parameters by name (:jahr, :monat, or a "
                        + "capture's :name), not ?");
            } else if (ch == '{') {
                int end = written.indexOf('}', i);
                String word = end < 0 ? "" : written.substring(i + 1, end);
                if (word.equals("table") || word.equals("returning_id") || word.equals("rows")) {
                    sql.append('{').append(word).append('}'); // filled in for the run's table and server
                } else if (word.equals("jahr") || word.equals("monat")) {
                    sql.append('{').append(word).append('}'); // the key as a literal, for a function body
                } else if (CLAUSES.containsKey(word)) {
                    sql.append(CLAUSES.get(word).get(dialect.equals(Sql.MARIADB) ? "mysql" : dialect));
                } else {
                    throw new StrategyFileException(at(source, at) + ": {" + Shown.shown(word) + "} is not one of "
                            + "{table}, {returning_id}, {rows}, {jahr}, {monat}, " + CLAUSES.keySet().stream().sorted().map(k -> "{" + k + "}")
                                    .collect(Collectors.joining(", ")));
                }
                i = end + 1;
            } else {
                sql.append(ch);
                i++;
            }
        }
        if ((sql.indexOf("{jahr}") >= 0 || sql.indexOf("{monat}") >= 0) && !params.isEmpty()) {
            throw new StrategyFileException(at(source, at) + ": a statement with the key written in ({jahr}, {monat}) "
                    + "is sent as text, for a function body, which takes no parameters; write :jahr, :monat and the "
                    + "others as parameters, or the key only as {jahr}, {monat}");
        }
        if (whole && sql.indexOf("{table}") < 0 && !isTransactionControl(sql.toString())) {
            throw new StrategyFileException(at(source, at) + ": the statement does not name {table}, lockdemo's table "
                    + "for the run");
        }
        return new Sql.Text(sql.toString(), List.copyOf(params));
    }

    private static boolean isTransactionControl(String sql) {
        String s = sql.stripLeading().toUpperCase(Locale.ROOT);
        return s.startsWith("SET ") || s.startsWith("SELECT GET_LOCK") || s.startsWith("SELECT RELEASE_LOCK")
                || s.startsWith("SELECT PG_ADVISORY");
    }

    private static Map<String, Capture> captures(Node n, String source) throws StrategyFileException {
        if (!(n instanceof Node.MapNode m)) {
            throw new StrategyFileException(at(source, n) + ": capture must be a mapping of NAME to row_count, "
                    + "affected, inserted_id, {column: C} or {value: N}, got " + describe(n));
        }
        Map<String, Capture> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : m.entries().entrySet()) {
            String name = e.getKey();
            Node v = e.getValue();
            if (!LABEL.matcher(name).matches() || name.equals("jahr") || name.equals("monat")) {
                throw new StrategyFileException(source + ":" + m.keys().get(name) + ": capture name " + Shown.quote(name)
                        + " must be a letter or _ and up to 40 letters, digits or _, and not jahr or monat");
            }
            if (v instanceof Node.Scalar s && s.text().equals("row_count")) {
                out.put(name, new Capture.RowCount());
            } else if (v instanceof Node.Scalar s && s.text().equals("affected")) {
                out.put(name, new Capture.Affected());
            } else if (v instanceof Node.Scalar s && s.text().equals("inserted_id")) {
                out.put(name, new Capture.InsertedId());
            } else if (v instanceof Node.Scalar s && s.text().equals("key_inserted")) {
                out.put(name, new Capture.KeyInserted());
            } else if (v instanceof Node.MapNode vm && vm.entries().containsKey("value")) {
                Fields c = Fields.of(v, source, "a value capture", Set.of("value"));
                out.put(name, new Capture.Value(c.whole("value", Long.MIN_VALUE / 2, Long.MAX_VALUE / 2)));
            } else if (v instanceof Node.MapNode) {
                Fields c = Fields.of(v, source, "a column capture", Set.of("column", "plus", "inserted", "if_null",
                        "settles"));
                String settles = c.optional("settles").isPresent() ? c.text("settles") : "";
                if (!settles.isEmpty() && (c.optional("inserted").isPresent() || c.optional("plus").isPresent()
                        || c.optional("if_null").isPresent())) {
                    throw new StrategyFileException(at(source, c.node("settles")) + ": a column that settles "
                            + Shown.quote(settles) + " is read as it is: leave inserted, plus and if_null out");
                }
                Capture.Inserted inserted = inserted(c);
                long plus = c.optional("plus").isPresent() ? c.whole("plus", -1_000_000, 1_000_000) : 0;
                OptionalLong ifNull = c.optional("if_null").isPresent()
                        ? OptionalLong.of(c.whole("if_null", -1_000_000_000, 1_000_000_000)) : OptionalLong.empty();
                if (inserted != Capture.Inserted.NO && (plus != 0 || ifNull.isPresent())) {
                    throw new StrategyFileException(at(source, c.node(plus != 0 ? "plus" : "if_null")) + ": an inserted "
                            + "column says whether the statement inserted; leave " + (plus != 0 ? "plus" : "if_null")
                            + " out");
                }
                if (c.required("column") instanceof Node.Scalar p && p.type() == Node.Scalar.Type.INTEGER) {
                    out.put(name, new Capture.Column("", (int) c.whole("column", 1, 1000), plus, inserted, ifNull,
                            settles));
                } else if (inserted != Capture.Inserted.NO) {
                    throw new StrategyFileException(at(source, c.node("column")) + ": an inserted column is named by its "
                            + "position in the RETURNING list, e.g. {column: 1, inserted: true}");
                } else {
                    out.put(name, new Capture.Column(c.text("column"), 0, plus, inserted, ifNull, settles));
                }
            } else {
                throw new StrategyFileException(at(source, v) + ": capture " + Shown.quote(name) + " must be row_count, "
                        + "affected, inserted_id, {column: C} or {value: N}, got " + describe(v));
            }
        }
        return out;
    }

    /**
     * {@code inserted: true} (a boolean, true for an insert), {@code when_null} (NULL for an insert),
     * {@code when_not_null} (NULL when it did not insert), or false.
     */
    private static Capture.Inserted inserted(Fields c) throws StrategyFileException {
        if (c.optional("inserted").isEmpty()) {
            return Capture.Inserted.NO;
        }
        if (c.node("inserted") instanceof Node.Scalar s && s.type() == Node.Scalar.Type.STRING
                && s.text().equals("when_null")) {
            return Capture.Inserted.WHEN_NULL;
        }
        if (c.node("inserted") instanceof Node.Scalar s && s.type() == Node.Scalar.Type.STRING
                && s.text().equals("when_not_null")) {
            return Capture.Inserted.WHEN_NOT_NULL;
        }
        if (!(c.node("inserted") instanceof Node.Scalar s) || s.type() != Node.Scalar.Type.BOOLEAN) {
            throw new StrategyFileException(at(c.source(), c.node("inserted")) + ": inserted must be true (the column "
                    + "is true for an insert), when_null (it is NULL for an insert: old.id), when_not_null (it is NULL "
                    + "when the insert did not happen) or false, got " + describe(c.node("inserted")));
        }
        return c.bool("inserted") ? Capture.Inserted.WHEN_TRUE : Capture.Inserted.NO;
    }

    private static Map<Outcome, Handler> handlers(Node n, String source, boolean begin) throws StrategyFileException {
        if (!(n instanceof Node.MapNode m)) {
            throw new StrategyFileException(at(source, n) + ": on must be a mapping of condition to action, got "
                    + describe(n));
        }
        Map<Outcome, Handler> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : m.entries().entrySet()) {
            Outcome condition = CONDITIONS.stream().filter(o -> o.id().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new StrategyFileException(source + ":" + m.keys().get(e.getKey()) + ": "
                            + Shown.quote(e.getKey()) + " is not a condition; choose from " + conditionIds()));
            out.put(condition, handler(e.getValue(), source, begin));
        }
        return out;
    }

    static String conditionIds() {
        return CONDITIONS.stream().map(Outcome::id).collect(Collectors.joining(", "));
    }

    private static Handler handler(Node n, String source, boolean begin) throws StrategyFileException {
        if (n instanceof Node.Scalar s && s.text().equals("raise")) {
            return new Handler.Raise();
        }
        if (n instanceof Node.Scalar s && s.text().equals("ignore")) {
            return new Handler.Ignore(new Then.Next());
        }
        if (n instanceof Node.Scalar s && s.text().equals("send_again_then_raise")) {
            return new Handler.SendAgainThenRaise();
        }
        if (!(n instanceof Node.MapNode)) {
            throw new StrategyFileException(at(source, n) + ": an action is raise, ignore, send_again_then_raise, "
                    + "{rollback_to: SP}, "
                    + "{rollback: OUTCOME}, {rollback: continue} or {retry: {max: N}}, got " + describe(n));
        }
        Fields f = Fields.of(n, source, "an action", Set.of("rollback_to", "then", "rollback", "retry", "ignore"));
        List<String> kinds = f.present("rollback_to", "rollback", "retry", "ignore");
        if (kinds.size() != 1) {
            throw new StrategyFileException(at(source, n) + ": an action is one of rollback_to, rollback, retry or "
                    + "ignore; " + (kinds.isEmpty() ? "this has none" : "this has " + String.join(" and ", kinds)));
        }
        switch (kinds.get(0)) {
            case "rollback_to" -> {
                Then then = f.optional("then").isPresent() ? then(f.node("then"), source) : new Then.Next();
                return new Handler.RollbackTo(f.text("rollback_to"), then);
            }
            case "ignore" -> {
                f.only("ignore", "then");
                Then then = f.optional("then").isPresent() ? then(f.node("then"), source) : new Then.Next();
                return new Handler.Ignore(then);
            }
            case "rollback" -> {
                if (f.node("rollback") instanceof Node.Scalar c && c.type() == Node.Scalar.Type.STRING
                        && c.text().equals("continue")) {
                    f.only("rollback", "then");
                    if (!begin) {
                        throw new StrategyFileException(at(source, n) + ": rollback: continue ends a transaction "
                                + "and goes on; this file says transaction: {begin: false}, where the failed statement "
                                + "rolled back by itself (use {ignore: true, then: ...})");
                    }
                    Then then = f.optional("then").isPresent() ? then(f.node("then"), source) : new Then.Next();
                    if (then instanceof Then.End) {
                        throw new StrategyFileException(at(source, f.node("then")) + ": after rollback: continue, "
                                + "then is a step id; to end the attempt here, {rollback: OUTCOME}");
                    }
                    return new Handler.RollbackContinue(then);
                }
                f.only("rollback");
                return new Handler.Rollback(outcome(f.node("rollback"), source, false));
            }
            default -> {
                f.only("retry");
                Fields r = Fields.of(f.node("retry"), source, "retry", Set.of("max", "backoff", "base_ms"));
                int max = (int) r.whole("max", 1, 1000);
                Backoff backoff = Backoff.FIXED;
                if (r.optional("backoff").isPresent()) {
                    String b = r.text("backoff");
                    backoff = Arrays.stream(Backoff.values()).filter(x -> x.name().equalsIgnoreCase(b)).findFirst()
                            .orElseThrow(() -> new StrategyFileException(at(source, r.node("backoff")) + ": backoff "
                                    + Shown.quote(b) + " is not one of fixed, exponential, jitter"));
                }
                long base = r.optional("base_ms").isPresent() ? r.whole("base_ms", 0, 10_000) : 0;
                return new Handler.Retry(max, backoff, base);
            }
        }
    }

    /** Where to go on: a label, {commit: OUTCOME [, release: SP]} or {rollback: OUTCOME}. */
    private static Then then(Node n, String source) throws StrategyFileException {
        if (n instanceof Node.Scalar s && s.type() == Node.Scalar.Type.STRING) {
            if (s.text().equals("next")) {
                return new Then.Next();
            }
            if (!LABEL.matcher(s.text()).matches()) {
                throw new StrategyFileException(at(source, n) + ": " + Shown.quote(s.text()) + " is not a step id");
            }
            return new Then.Goto(s.text());
        }
        if (!(n instanceof Node.MapNode)) {
            throw new StrategyFileException(at(source, n) + ": then is a step id, {commit: OUTCOME} or "
                    + "{rollback: OUTCOME}, got " + describe(n));
        }
        Fields f = Fields.of(n, source, "then", Set.of("commit", "rollback", "release", "leave_open"));
        List<String> kinds = f.present("commit", "rollback");
        if (kinds.size() != 1) {
            throw new StrategyFileException(at(source, n) + ": then ends the attempt with commit or rollback; "
                    + (kinds.isEmpty() ? "this has neither" : "this has both"));
        }
        boolean commit = kinds.get(0).equals("commit");
        if (!commit && f.optional("release").isPresent()) {
            throw new StrategyFileException(at(source, f.node("release")) + ": a rollback releases every savepoint; "
                    + "leave release out");
        }
        if (!commit && f.optional("leave_open").isPresent()) {
            throw new StrategyFileException(at(source, f.node("leave_open")) + ": a rollback ends every savepoint; "
                    + "leave leave_open out");
        }
        Outcome o = outcome(f.node(kinds.get(0)), source, commit);
        return new Then.End(commit, o, f.optional("release").isPresent() ? Optional.of(f.text("release"))
                : Optional.empty(), f.optional("leave_open").isPresent() ? Optional.of(f.text("leave_open"))
                        : Optional.empty());
    }

    /** An outcome id; one that ends a commit must be a success, one that ends a rollback a failure. */
    private static Outcome outcome(Node n, String source, boolean commit) throws StrategyFileException {
        String id = n instanceof Node.Scalar s ? s.text() : "";
        Optional<Outcome> o = Arrays.stream(Outcome.values()).filter(x -> x.id().equals(id)).findFirst();
        if (o.isEmpty()) {
            throw new StrategyFileException(at(source, n) + ": " + (n instanceof Node.Scalar ? Shown.quote(id)
                    : describe(n)) + " is not an outcome; choose from " + Arrays.stream(Outcome.values())
                            .filter(x -> x.isSuccess() == commit).map(Outcome::id).collect(Collectors.joining(", ")));
        }
        if (o.get().isSuccess() != commit) {
            throw new StrategyFileException(at(source, n) + ": " + id + " is " + (commit ? "a failure; a commit ends in "
                    + "a success (created, found, found_after_conflict)" : "a success; a rollback ends in a failure, "
                    + "e.g. unique_violation or missing_after_conflict"));
        }
        return o.get();
    }

    static String at(String source, Node n) {
        return source + ":" + n.pos();
    }

    static String describe(Node n) {
        return n instanceof Node.Scalar s && s.type() != Node.Scalar.Type.NULL ? s.kind() + " " + Shown.quote(s.text())
                : n.kind();
    }

    /** The keys of one mapping, checked against those allowed, with typed getters that name the place. */
    record Fields(Node.MapNode map, String source, String what) {
        static Fields of(Node n, String source, String what, Set<String> allowed) throws StrategyFileException {
            if (!(n instanceof Node.MapNode m)) {
                throw new StrategyFileException(at(source, n) + ": " + what + " must be a mapping, got " + describe(n));
            }
            for (String k : m.entries().keySet()) {
                if (!allowed.contains(k)) {
                    throw new StrategyFileException(source + ":" + m.keys().get(k) + ": unknown key " + Shown.quote(k)
                            + " in " + what + "; known keys are " + allowed.stream().sorted()
                                    .collect(Collectors.joining(", ")));
                }
            }
            return new Fields(m, source, what);
        }

        Optional<Node> optional(String key) {
            return Optional.ofNullable(map.entries().get(key));
        }

        Node node(String key) {
            return map.entries().get(key);
        }

        Node required(String key) throws StrategyFileException {
            Node n = map.entries().get(key);
            if (n == null) {
                throw new StrategyFileException(at(source, map) + ": " + what + " needs " + key);
            }
            return n;
        }

        List<String> present(String... keys) {
            return Arrays.stream(keys).filter(map.entries()::containsKey).toList();
        }

        /** Refuses any key but {@code keys}, for one kind of step or action. */
        void only(String... keys) throws StrategyFileException {
            Set<String> ok = Set.of(keys);
            for (String k : map.entries().keySet()) {
                if (!ok.contains(k)) {
                    throw new StrategyFileException(source + ":" + map.keys().get(k) + ": " + Shown.quote(k)
                            + " does not go with " + keys[keys.length > 1 && keys[0].equals("id") ? 1 : 0]);
                }
            }
        }

        String text(String key) throws StrategyFileException {
            Node n = required(key);
            if (!(n instanceof Node.Scalar s) || s.type() == Node.Scalar.Type.NULL || s.type() == Node.Scalar.Type.BOOLEAN) {
                throw new StrategyFileException(at(source, n) + ": " + key + " must be text, got " + describe(n));
            }
            return s.text();
        }

        boolean bool(String key) throws StrategyFileException {
            Node n = required(key);
            if (!(n instanceof Node.Scalar s) || s.type() != Node.Scalar.Type.BOOLEAN) {
                throw new StrategyFileException(at(source, n) + ": " + key + " must be true or false, got " + describe(n));
            }
            return Boolean.parseBoolean(s.text());
        }

        long whole(String key, long min, long max) throws StrategyFileException {
            Node n = required(key);
            if (n instanceof Node.Scalar s && s.type() == Node.Scalar.Type.INTEGER && s.text().length() < 19) {
                long v = Long.parseLong(s.text());
                if (v >= min && v <= max) {
                    return v;
                }
            }
            throw new StrategyFileException(at(source, n) + ": " + key + " must be a whole number from " + min + " to "
                    + max + ", got " + describe(n));
        }
    }
}
