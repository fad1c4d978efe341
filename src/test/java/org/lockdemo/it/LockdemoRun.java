package org.lockdemo.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.lockdemo.cli.Cli;
import org.lockdemo.cli.ShutdownGuard;
import org.lockdemo.cli.Terminals;

/** Runs the real lockdemo command line in-process, capturing exit code, stdout and stderr. */
record LockdemoRun(int exitCode, String out, String err) {

    static LockdemoRun run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.create(env, new ShutdownGuard(), new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
        return new LockdemoRun(code, out.toString(), err.toString());
    }

    static LockdemoRun run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs the command line with {@code input} as its standard input (a pipe: no terminal). */
    static LockdemoRun withInput(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.create(Map.of(), new ShutdownGuard(), new PrintWriter(out, true), new PrintWriter(err, true),
                Terminals.NONE, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8))).execute(args);
        return new LockdemoRun(code, out.toString(), err.toString());
    }

    /** Runs the command line on its own thread, for tests that fault the database meanwhile. */
    static Future<LockdemoRun> start(String... args) {
        FutureTask<LockdemoRun> task = new FutureTask<>(() -> run(Map.of(), args));
        Thread t = new Thread(task, "lockdemo-under-test");
        t.setDaemon(true);
        t.start();
        return task;
    }

    static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    /** The strategy entry named {@code name} in a result file. */
    static JsonNode strategy(JsonNode result, String name) {
        for (JsonNode s : result.get("strategies")) {
            if (s.get("strategy").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no strategy " + name + " in " + result);
    }

    static long outcome(JsonNode strategy, String outcome) {
        JsonNode n = strategy.get("outcomes").get(outcome);
        if (n == null) {
            throw new AssertionError("no outcome " + outcome + " in " + strategy.get("outcomes"));
        }
        return n.asLong();
    }

    static long sumOfOutcomes(JsonNode strategy) {
        return sum(strategy.get("outcomes"));
    }

    /** The sum of a JSON array's or object's numbers. */
    static long sum(JsonNode numbers) {
        long sum = 0;
        for (JsonNode v : numbers) {
            sum += v.asLong();
        }
        return sum;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
