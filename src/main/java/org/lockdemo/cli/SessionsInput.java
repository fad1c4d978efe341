package org.lockdemo.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the user types into {@code lockdemo sessions}, one line at a time, turned into commands.
 * Pure; not thread-safe (it keeps the current session and a statement typed over several lines):
 * the REPL's thread only.
 *
 * <ul>
 *   <li>A statement ends with {@code ;}, possibly lines later; it runs on the current session,
 *       which the prompt shows ({@code T1> }, {@code T1-> } while a statement goes on).</li>
 *   <li>{@code T2: stmt;} or {@code T2> stmt;} runs it on T2 and makes T2 current; {@code T2:} or
 *       {@code \2} alone only switches.</li>
 *   <li>{@code \locks}, {@code \schedule}, {@code \save FILE}, {@code \help} (or {@code \?}),
 *       {@code \r} (forget the statement being typed), {@code \q}; a line starting with
 *       {@code --} is a comment.</li>
 * </ul>
 */
final class SessionsInput {
    /** What a line asks for. */
    sealed interface Command {
    }

    /** Run {@code sql} on {@code session}. */
    record Statement(String session, String sql) implements Command {
    }

    /** Type into {@code session} from now on. */
    record Switch(String session) implements Command {
    }

    /** {@code \locks}: the lock table now. */
    record Locks() implements Command {
    }

    /** {@code \schedule}: the columns so far. */
    record Schedule() implements Command {
    }

    /** {@code \save FILE}: the typed schedule as a scenario file. */
    record Save(Path file) implements Command {
    }

    /** {@code \help}. */
    record Help() implements Command {
    }

    /** {@code \q}: roll back, drop the table, leave. */
    record Quit() implements Command {
    }

    /** The line continues a statement that has no {@code ;} yet. */
    record Pending() implements Command {
    }

    /** Nothing to do: an empty line, a comment, a cleared statement. */
    record Nothing(String note) implements Command {
    }

    /** A line that means nothing: one line saying why. */
    record Invalid(String message) implements Command {
    }

    /** What a terminal's Ctrl-C at the prompt gives the parser: forget the statement being typed. */
    static final String INTERRUPT = "\u0003";

    /** The help, one line each. */
    static final List<String> HELP = List.of(
            "Type SQL ending with ; into the current session (the prompt shows it). Sessions start with autocommit off:",
            "a transaction runs until COMMIT; or ROLLBACK;. The table is lockdemo_explain (or {table}), key (2016, 5).",
            "  T2: SQL;  or  T2> SQL;   run SQL on T2 and make T2 the current session",
            "  \\1  \\2  \\3  or  T2:     switch to a session",
            "  \\locks                  the key's locks, held and waited for, as the server shows them",
            "  \\schedule               what has run so far, one column per session",
            "  \\save FILE              the typed schedule as a scenario: lockdemo explain --scenario FILE replays it",
            "  \\r                      forget the statement being typed (Ctrl-C on a terminal)",
            "  \\help  \\?               this help",
            "  \\q  or  Ctrl-D          roll back every session, drop the table, quit");

    /** {@code T2: rest} or {@code T2> rest}: a session's name, then what it is to run. */
    private static final Pattern PREFIX = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9_]{0,15})\\s*[:>]\\s?(.*)$",
            Pattern.DOTALL);
    private static final Pattern NUMBERED = Pattern.compile("\\\\([1-9])");

    private final List<String> sessions;
    private String current;
    private final StringBuilder pending = new StringBuilder();

    /** @param sessions the session names, e.g. T1, T2; the first is current */
    SessionsInput(List<String> sessions) {
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("no sessions");
        }
        this.sessions = List.copyOf(sessions);
        this.current = sessions.get(0);
    }

    /** The session a statement goes to. */
    String current() {
        return current;
    }

    /** {@code T1> }, or {@code T1-> } while a statement is being typed over several lines. */
    String prompt() {
        return current + (pending.length() == 0 ? "> " : "-> ");
    }

    /** What {@code line} (without its line end) asks for. */
    Command feed(String line) {
        if (line.equals(INTERRUPT)) {
            boolean had = pending.length() > 0;
            pending.setLength(0);
            return new Nothing(had ? "statement cleared" : "");
        }
        String t = line.strip();
        if (t.startsWith("\\")) {
            return backslash(t);
        }
        if (pending.length() == 0) {
            if (t.isEmpty() || t.startsWith("--")) {
                return new Nothing("");
            }
            Matcher m = PREFIX.matcher(line);
            if (m.matches()) {
                Optional<String> s = session(m.group(1));
                if (s.isPresent()) {
                    current = s.get();
                    String rest = m.group(2).strip();
                    if (rest.isEmpty()) {
                        return new Switch(current);
                    }
                    return more(rest);
                }
            }
            return more(t);
        }
        return more(line.stripTrailing());
    }

    private Command more(String text) {
        if (pending.length() > 0) {
            pending.append('\n');
        }
        pending.append(text);
        String sql = pending.toString().strip();
        if (!sql.endsWith(";")) {
            return new Pending();
        }
        pending.setLength(0);
        String body = sql.substring(0, sql.length() - 1).strip();
        if (body.isEmpty()) {
            return new Nothing("");
        }
        return new Statement(current, body);
    }

    private Command backslash(String t) {
        String[] words = t.split("\\s+", 2);
        String word = words[0].toLowerCase(Locale.ROOT);
        String arg = words.length > 1 ? words[1].strip() : "";
        Matcher n = NUMBERED.matcher(word);
        if (n.matches()) {
            int i = Integer.parseInt(n.group(1));
            if (i > sessions.size()) {
                return new Invalid(word + ": there are " + sessions.size() + " sessions ("
                        + String.join(", ", sessions) + ")");
            }
            current = sessions.get(i - 1);
            return new Switch(current);
        }
        return switch (word) {
            case "\\q", "\\quit" -> new Quit();
            case "\\locks" -> new Locks();
            case "\\schedule" -> new Schedule();
            case "\\help", "\\?", "\\h" -> new Help();
            case "\\r", "\\reset" -> {
                boolean had = pending.length() > 0;
                pending.setLength(0);
                yield new Nothing(had ? "statement cleared" : "");
            }
            case "\\save" -> arg.isEmpty() ? new Invalid("\\save needs a file name, e.g. \\save my-race.json")
                    : new Save(Path.of(arg));
            default -> session(word.substring(1)).<Command>map(s -> {
                current = s;
                return new Switch(s);
            }).orElseGet(() -> new Invalid("unknown command " + words[0] + "; \\help lists the commands"));
        };
    }

    /** The session called {@code name}, in any case. */
    private Optional<String> session(String name) {
        return sessions.stream().filter(s -> s.equalsIgnoreCase(name)).findFirst();
    }
}
