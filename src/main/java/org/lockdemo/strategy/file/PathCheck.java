package org.lockdemo.strategy.file;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.lockdemo.strategy.file.StrategyFile.Handler;
import org.lockdemo.strategy.file.StrategyFile.Param;
import org.lockdemo.strategy.file.StrategyFile.Step;
import org.lockdemo.strategy.file.StrategyFile.Then;
import org.lockdemo.text.Shown;

/**
 * Walks every path through a strategy file's steps, as {@link FileGetOrCreate} would run them, for
 * every answer a statement can get (success, each handled condition) and both ways of each
 * {@code if}: every label exists and is ahead of the step that goes to it (no loops: {@code retry}
 * is the only way back), every path ends in commit or rollback, no capture is used before a step
 * on the path set it, and savepoints are balanced: a {@code rollback_to} or {@code release} names an
 * open one, none is opened twice, and at a COMMIT every savepoint still open has been rolled back to
 * (nothing of it is left; SQL's COMMIT releases it, as create-first relies on), or is named by the
 * commit's {@code leave_open} (the file says it is left to the COMMIT), or the path fails.
 * Not thread-safe: one instance per check.
 */
final class PathCheck {
    private final StrategyFile file;
    /** The dialect family walked ({@code dialect:} steps of the other are not there), or null: every step is. */
    private final String family;
    private final Map<String, Integer> labels = new HashMap<>();
    private final Set<String> visited = new HashSet<>();

    private PathCheck(StrategyFile file, String family) {
        this.file = file;
        this.family = family;
    }

    /** Checks every path; a file with steps for one dialect only ({@code dialect:}) is walked once per dialect. */
    static void check(StrategyFile file) throws StrategyFileException {
        if (!file.perDialect()) {
            check(file, null);
            return;
        }
        for (String family : List.of("postgresql", "mysql")) {
            check(file, family);
        }
    }

    private static void check(StrategyFile file, String family) throws StrategyFileException {
        PathCheck c = new PathCheck(file, family);
        List<Step> steps = file.steps();
        for (int i = 0; i < steps.size(); i++) {
            String id = steps.get(i).id();
            if (!id.isEmpty() && c.labels.putIfAbsent(id, i) != null) {
                throw new StrategyFileException(steps.get(i).where() + ": id " + Shown.quote(id) + " is given twice (first at "
                        + steps.get(c.labels.get(id)).where().pos() + ")");
            }
        }
        c.walk(0, new TreeSet<>(file.let().keySet()), List.of(), "the first step"); // let: set before the first step
    }

    /**
     * Walks on from step {@code pc} with the captures set and savepoints open so far;
     * {@code via} says how the path got here, for a message about where it ends.
     */
    private void walk(int pc, Set<String> captures, List<String> savepoints, String via) throws StrategyFileException {
        List<Step> steps = file.steps();
        if (pc == steps.size()) {
            throw new StrategyFileException(steps.get(steps.size() - 1).where() + ": the path through " + via
                    + " reaches the end of the steps without commit or rollback");
        }
        if (!visited.add(pc + "|" + captures + "|" + savepoints)) {
            return;
        }
        if (family != null && steps.get(pc).on(family).isEmpty()) {
            walk(pc + 1, captures, savepoints, via); // another dialect's step: not there
            return;
        }
        Step here = family == null ? steps.get(pc) : steps.get(pc).on(family).orElseThrow();
        if (here instanceof Step.OnSecond second) {
            // the second connection's transaction: open after a read there, ended by its commit
            List<String> open = new ArrayList<>(savepoints);
            open.remove(SECOND_OPEN);
            Step s2 = second.inner();
            Set<String> after = new TreeSet<>(captures);
            if (s2 instanceof Step.Statement st) {
                checkParams(st, captures, via);
                after.addAll(st.captures().keySet());
                open.add(SECOND_OPEN);
            }
            String name = s2.id().isEmpty() ? "step " + (pc + 1) : "'" + s2.id() + "'";
            follow(pc, s2 instanceof Step.Statement st ? st.then() : new Then.Next(), after, List.copyOf(open),
                    s2 instanceof Step.Statement ? name + " (succeeded)" : via);
            return;
        }
        Step step = here.inner();
        String name = step.id().isEmpty() ? "step " + (pc + 1) : "'" + step.id() + "'";
        if (step instanceof Step.Statement s) {
            checkParams(s, captures, via);
            Set<String> after = new TreeSet<>(captures);
            after.addAll(s.captures().keySet());
            follow(pc, s.then(), after, savepoints, name + " (succeeded)");
            for (var h : s.handlers().entrySet()) {
                String how = name + " (" + h.getKey().id() + ")";
                // rollback, raise and retry end the try (rolled back): nothing follows on this path
                if (h.getValue() instanceof Handler.RollbackTo r) {
                    int at = open(savepoints, r.savepoint());
                    if (at < 0) {
                        throw new StrategyFileException(s.where() + ": rollback_to " + Shown.quote(r.savepoint())
                                + " on " + h.getKey().id() + ", but no savepoint of that name is open there");
                    }
                    // it stays open, rolled back to (marked ~), and the savepoints after it are gone
                    List<String> after2 = new ArrayList<>(savepoints.subList(0, at));
                    after2.add(r.savepoint() + ROLLED_BACK);
                    follow(pc, r.then(), captures, List.copyOf(after2), how);
                } else if (h.getValue() instanceof Handler.Ignore i) {
                    follow(pc, i.then(), captures, savepoints, how);
                } else if (h.getValue() instanceof Handler.RollbackContinue rc) {
                    // the ROLLBACK ends the transaction and every savepoint in it; what was captured stays
                    follow(pc, rc.then(), captures, List.of(), how);
                }
            }
        } else if (step instanceof Step.Branch b) {
            for (String read : b.reads()) {
                if (!captures.contains(read)) {
                    throw new StrategyFileException(b.where() + ": " + Shown.quote(read) + " is used here but no "
                            + "step before it on the path through " + via + " captures it");
                }
            }
            follow(pc, b.then(), captures, savepoints, name + " (" + b.text() + ")");
            walk(pc + 1, captures, savepoints, name + " (not " + b.text() + ")");
        } else if (step instanceof Step.Savepoint sp) {
            if (open(savepoints, sp.name()) >= 0) {
                throw new StrategyFileException(sp.where() + ": savepoint " + Shown.quote(sp.name()) + " is already "
                        + "open on the path through " + via);
            }
            List<String> open = new ArrayList<>(savepoints);
            open.add(sp.name());
            walk(pc + 1, captures, List.copyOf(open), via);
        } else if (step instanceof Step.Release r) {
            walk(pc + 1, captures, released(r.name(), savepoints, r.where(), via), via);
        } else if (step instanceof Step.Finish f) {
            follow(pc, f.end(), captures, savepoints, via);
        } else if (step instanceof Step.Commit c) {
            String open = unreleased(savepoints);
            if (open != null) {
                throw new StrategyFileException(c.where() + ": savepoint " + Shown.quote(open)
                        + " is still open at this commit (release it first)");
            }
            walk(pc + 1, captures, savepoints, via);
        }
    }

    /** Every capture the statement binds is set on the path. */
    private static void checkParams(Step.Statement s, Set<String> captures, String via) throws StrategyFileException {
        for (var text : s.sql().byDialect().values()) {
            for (Param p : text.params()) {
                if (p instanceof Param.Capture c && !captures.contains(c.name())) {
                    throw new StrategyFileException(s.where() + ": ':" + Shown.shown(c.name()) + "' is used here "
                            + "but no step before it on the path through " + via + " captures it");
                }
            }
        }
    }

    private void follow(int pc, Then then, Set<String> captures, List<String> savepoints, String via)
            throws StrategyFileException {
        Step from = file.steps().get(pc).inner();
        if (then instanceof Then.Next) {
            walk(pc + 1, captures, savepoints, via);
        } else if (then instanceof Then.Goto g) {
            Integer target = labels.get(g.label());
            if (target == null) {
                throw new StrategyFileException(from.where() + ": goto " + Shown.quote(g.label())
                        + ": no step has that id");
            }
            if (target <= pc) {
                throw new StrategyFileException(from.where() + ": goto " + Shown.quote(g.label()) + " goes back to an "
                        + "earlier step, a loop; to try again, use on: {CONDITION: {retry: {max: N}}}");
            }
            walk(target, captures, savepoints, via);
        } else if (then instanceof Then.End e) {
            if (savepoints.contains(SECOND_OPEN)) {
                throw new StrategyFileException(from.where() + ": connection 2's transaction is still open at the end "
                        + "on the path through " + via + " (end it: {connection: 2, commit: true})");
            }
            if (e.commit()) {
                List<String> left = e.release().isPresent()
                        ? released(e.release().get(), savepoints, from.where(), via) : savepoints;
                if (e.leaveOpen().isPresent()) {
                    // the file says so: the COMMIT releases it, and what was nested in it, as RELEASE would
                    if (open(left, e.leaveOpen().get()) < 0) {
                        throw new StrategyFileException(from.where() + ": leave_open " + Shown.quote(e.leaveOpen().get())
                                + ", but no savepoint of that name is open at the commit on the path through " + via);
                    }
                    left = released(e.leaveOpen().get(), left, from.where(), via);
                }
                String open = unreleased(left);
                if (open != null) {
                    throw new StrategyFileException(from.where() + ": savepoint " + Shown.quote(open)
                            + " is still open at the commit on the path through " + via + " (release it first)");
                }
            }
        }
    }

    /**
     * Not a savepoint: in the list of those open, that the second connection ({@code connection: 2})
     * has a transaction open, which must be committed before the attempt ends.
     */
    private static final String SECOND_OPEN = "#connection-2";

    /** A savepoint rolled back to: still open, but nothing of it is left. */
    private static final String ROLLED_BACK = "~";

    /**
     * Where {@code name} is open in {@code savepoints} (rolled back to or not), or -1. A quoted name
     * is the savepoint of the name unquoted, as SQL reads it: {@code leave_open: lockdemo-sp-1} names
     * PostgreSQL's {@code "lockdemo-sp-1"} and MySQL's {@code `lockdemo-sp-1`} alike.
     */
    private static int open(List<String> savepoints, String name) {
        for (int i = savepoints.size() - 1; i >= 0; i--) {
            String open = unquoted(savepoints.get(i));
            if (open.equals(unquoted(name)) || open.equals(unquoted(name) + ROLLED_BACK)) {
                return i;
            }
        }
        return -1;
    }

    private static String unquoted(String name) {
        return name.replace("\"", "").replace("`", "");
    }

    /** The last savepoint open that was not rolled back to (work in it would be committed unreleased), or null. */
    private static String unreleased(List<String> savepoints) {
        for (int i = savepoints.size() - 1; i >= 0; i--) {
            if (!savepoints.get(i).endsWith(ROLLED_BACK) && !savepoints.get(i).equals(SECOND_OPEN)) {
                return savepoints.get(i);
            }
        }
        return null;
    }

    private static List<String> released(String name, List<String> savepoints, StrategyFile.Where where, String via)
            throws StrategyFileException {
        int i = open(savepoints, name);
        if (i < 0) {
            throw new StrategyFileException(where + ": release " + Shown.quote(name) + ", but no savepoint of that name "
                    + "is open on the path through " + via);
        }
        return List.copyOf(savepoints.subList(0, i));
    }
    }
