package org.lockdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lockdemo.expect.ExpectationParser;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * The CI examples of docs/ci.md are real files (docs/ci/*.yml, linted by yamllint in .ci/run):
 * the markdown shows them unchanged, and each has what the page promises: a service database of
 * the kind its URL names, a step that races with {@code --expect} and {@code --junit}, the JSON
 * turned into the HTML report, and the JUnit file and the HTML report kept as artifacts (GitLab:
 * {@code artifacts:reports:junit} on the file the job writes), also after a failed race. The race
 * command is parsed by lockdemo's own command line and its expectations by its parser, so an option
 * that does not exist fails here; only the README's commands are run.
 */
class CiExamplesTest {
    private static final Path CI_MD = Path.of("docs/ci.md");
    private static final Path GITHUB = Path.of("docs/ci/github-actions.yml");
    private static final Path GITLAB = Path.of("docs/ci/gitlab-ci.yml");
    private static final Pattern BLOCK = Pattern.compile("(?ms)^```yaml\n(.*?)^```$");
    private static final Pattern FILE_LINK = Pattern.compile("\\]\\((ci/[a-z-]+\\.yml)\\)");

    @Test
    void theMarkdownShowsEachFileUnchanged() throws IOException {
        String md = Files.readString(CI_MD);
        Map<String, String> shown = new LinkedHashMap<>();
        Matcher block = BLOCK.matcher(md);
        while (block.find()) {
            // the block belongs to the last file linked before it
            Matcher link = FILE_LINK.matcher(md.substring(0, block.start()));
            String file = null;
            while (link.find()) {
                file = link.group(1);
            }
            assertTrue(file != null, "a yaml block in docs/ci.md follows a link to its file");
            shown.put(file, block.group(1));
        }
        assertEquals(List.of("ci/github-actions.yml", "ci/gitlab-ci.yml"), List.copyOf(shown.keySet()));
        for (Map.Entry<String, String> e : shown.entrySet()) {
            assertEquals(Files.readString(Path.of("docs").resolve(e.getKey())), e.getValue(),
                    "docs/ci.md shows docs/" + e.getKey() + " as it is");
        }
        assertTrue(Files.readString(Path.of("README.md")).contains("(docs/ci.md)"), "the README links docs/ci.md");
    }

    @Test
    void gitHubActionsRacesOnAServiceDatabaseAndPublishesTheReports() throws IOException {
        Map<String, Object> job = map(map(load(GITHUB).get("jobs")).get("race"));
        Map<String, Object> db = map(map(job.get("services")).get("db"));
        assertEquals("${{ matrix.image }}", db.get("image"));
        assertEquals(List.of("${{ matrix.port }}:${{ matrix.port }}"), db.get("ports"));
        assertTrue(String.valueOf(db.get("options")).contains("--health-cmd"), "the job waits for the database");
        List<Map<String, Object>> matrix = maps(map(map(job.get("strategy")).get("matrix")).get("include"));
        List<String> images = matrix.stream().map(m -> String.valueOf(m.get("image"))).toList();
        assertTrue(images.stream().anyMatch(i -> i.startsWith("postgres:")), images.toString());
        for (Map<String, Object> m : matrix) {
            assertUrlFitsImage(String.valueOf(m.get("image")), String.valueOf(m.get("url")), "127.0.0.1",
                    String.valueOf(m.get("port")));
        }
        assertTrue(map(job.get("env")).containsKey("LOCKDEMO_PASSWORD"), "the password comes from the environment");

        List<Map<String, Object>> steps = maps(job.get("steps"));
        List<String> runs = steps.stream().filter(s -> s.containsKey("run")).map(s -> String.valueOf(s.get("run")))
                .toList();
        runs.forEach(CiExamplesTest::assertOnlyTheReadmesCommands);
        Race race = race(runs);
        for (Map<String, Object> m : matrix) {
            race.parses(Map.of("${{ matrix.url }}", String.valueOf(m.get("url")), "${{ matrix.user }}",
                    String.valueOf(m.get("user"))));
        }
        String html = reportOf(runs, race.json());
        Map<String, Object> junit = step(steps, "mikepenz/action-junit-report@");
        assertEquals(race.junit(), map(junit.get("with")).get("report_paths"));
        Map<String, Object> upload = step(steps, "actions/upload-artifact@");
        List<String> paths = List.of(String.valueOf(map(upload.get("with")).get("path")).strip().split("\n"));
        assertTrue(paths.containsAll(List.of(race.junit(), html, race.json())), paths.toString());
        // the reports are published after a failed race too (exit 4 or 5), unless the run was cancelled
        for (Map<String, Object> s : steps) {
            if (s != junit && s != upload && !String.valueOf(s.get("run")).startsWith("scripts/lockdemo report")) {
                continue;
            }
            assertEquals("${{ !cancelled() }}", s.get("if"), s.toString());
        }
        assertTrue(load(GITHUB).containsKey("permissions") || job.containsKey("permissions"),
                "the reporter's check run needs checks: write");
    }

    @Test
    void gitLabCiRacesOnAServiceDatabaseAndKeepsTheJunitReport() throws IOException {
        Map<String, Object> job = map(load(GITLAB).get("lockdemo-race"));
        List<Map<String, Object>> services = maps(job.get("services"));
        assertEquals(1, services.size());
        assertEquals("$DB_IMAGE", services.get(0).get("name"));
        String alias = String.valueOf(services.get(0).get("alias"));
        List<Map<String, Object>> matrix = maps(map(job.get("parallel")).get("matrix"));
        List<String> images = matrix.stream().map(m -> String.valueOf(m.get("DB_IMAGE"))).toList();
        assertTrue(images.stream().anyMatch(i -> i.startsWith("postgres:")), images.toString());
        for (Map<String, Object> m : matrix) {
            String image = String.valueOf(m.get("DB_IMAGE"));
            assertUrlFitsImage(image, String.valueOf(m.get("DB_URL")), alias, image.startsWith("postgres:") ? "5432" : "3306");
        }
        assertTrue(map(job.get("variables")).containsKey("LOCKDEMO_PASSWORD"), "the password comes from the environment");

        List<String> script = strings(job.get("script"));
        List<String> after = strings(job.get("after_script"));
        script.forEach(CiExamplesTest::assertOnlyTheReadmesCommands);
        after.forEach(CiExamplesTest::assertOnlyTheReadmesCommands);
        Race race = race(script);
        for (Map<String, Object> m : matrix) {
            race.parses(Map.of("\"$DB_URL\"", String.valueOf(m.get("DB_URL")), "\"$DB_USER\"",
                    String.valueOf(m.get("DB_USER"))));
        }
        String html = reportOf(after, race.json()); // after_script: also after a failed race
        Map<String, Object> artifacts = map(job.get("artifacts"));
        assertEquals("always", artifacts.get("when"), "the reports are kept after a failed race too");
        assertTrue(strings(artifacts.get("paths")).containsAll(List.of(race.junit(), html, race.json())),
                artifacts.toString());
        assertEquals(race.junit(), map(artifacts.get("reports")).get("junit"), "GitLab reads the file the job writes");
    }

    /** The race step: its command and the files it writes. */
    private record Race(String command, String json, String junit) {
        /** lockdemo's own command line takes the command, with the CI's variables as given. */
        void parses(Map<String, String> variables) {
            String line = command;
            for (Map.Entry<String, String> v : variables.entrySet()) {
                line = line.replace(v.getKey(), v.getValue());
            }
            List<String> args = words(line.substring("scripts/lockdemo ".length()));
            StringWriter sink = new StringWriter();
            CommandLine cl = Cli.create(Map.of(), new ShutdownGuard(), new PrintWriter(sink), new PrintWriter(sink));
            CommandLine.ParseResult parsed = cl.parseArgs(args.toArray(String[]::new)).subcommand();
            assertEquals("race", parsed.commandSpec().name(), line);
            List<String> expectations = parsed.matchedOptionValue("--expect", List.of());
            assertFalse(expectations.isEmpty(), "the race holds the result to expectations: " + line);
            expectations.forEach(ExpectationParser::parse);
            assertFalse(parsed.hasMatchedOption("--password"), "no password prompt in CI");
        }
    }

    private static Race race(List<String> commands) {
        List<String> races = commands.stream().filter(c -> c.startsWith("scripts/lockdemo race ")).toList();
        assertEquals(1, races.size(), "one race step: " + commands);
        String race = races.get(0).strip();
        return new Race(race, option(race, "--json"), option(race, "--junit"));
    }

    /** The HTML report's file, of a {@code scripts/lockdemo report JSON -o FILE} among {@code commands}. */
    private static String reportOf(List<String> commands, String json) {
        Pattern report = Pattern.compile("scripts/lockdemo report " + Pattern.quote(json) + " -o (\\S+\\.html)");
        for (String c : commands) {
            Matcher m = report.matcher(c.strip());
            if (m.matches()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no 'scripts/lockdemo report " + json + " -o FILE.html' in " + commands);
    }

    private static String option(String command, String name) {
        Matcher m = Pattern.compile(" " + Pattern.quote(name) + " (\\S+)").matcher(command);
        assertTrue(m.find(), command + " has " + name);
        return m.group(1);
    }

    /** Each command is one of the README's two: scripts/lockdemo (race, report) or mvn -B verify. */
    private static void assertOnlyTheReadmesCommands(String command) {
        for (String line : command.strip().split("\n")) {
            assertTrue(line.startsWith("scripts/lockdemo ") || line.equals("mvn -B verify"), "not a README command: " + line);
        }
    }

    private static void assertUrlFitsImage(String image, String url, String host, String port) {
        String scheme = image.startsWith("postgres:") ? "jdbc:postgresql://" : image.startsWith("mariadb:") ? "jdbc:mariadb://"
                : image.startsWith("mysql:") ? "jdbc:mysql://" : null;
        assertTrue(scheme != null, "a database lockdemo supports: " + image);
        assertEquals(scheme + host + ":" + port + "/test", url, image);
    }

    private static Map<String, Object> step(List<Map<String, Object>> steps, String uses) {
        List<Map<String, Object>> found = steps.stream().filter(s -> String.valueOf(s.get("uses")).startsWith(uses)).toList();
        assertEquals(1, found.size(), "one step uses " + uses);
        return found.get(0);
    }

    /** Words as a POSIX shell splits them: blanks separate, quotes group and are removed. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = null;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                w = w == null ? new StringBuilder() : w;
            } else if (Character.isWhitespace(c)) {
                if (w != null) {
                    words.add(w.toString());
                    w = null;
                }
            } else {
                w = w == null ? new StringBuilder() : w;
                w.append(c);
            }
        }
        assertEquals(0, quote, "unbalanced quotes: " + line);
        if (w != null) {
            words.add(w.toString());
        }
        return words;
    }

    private static Map<String, Object> load(Path file) throws IOException {
        return map(new Yaml().load(Files.readString(file)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertTrue(o instanceof Map, "a mapping: " + o);
        return (Map<String, Object>) o;
    }

    private static List<Map<String, Object>> maps(Object o) {
        assertTrue(o instanceof List, "a list: " + o);
        return ((List<?>) o).stream().map(CiExamplesTest::map).toList();
    }

    private static List<String> strings(Object o) {
        assertTrue(o instanceof List, "a list: " + o);
        return ((List<?>) o).stream().map(String::valueOf).toList();
    }
}
