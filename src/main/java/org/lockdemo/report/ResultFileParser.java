package org.lockdemo.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Reads the parts of a {@code lockdemo race --json} tree that the report draws, checking each as it
 * goes, so a file that is not a lockdemo result fails with one line naming the file and the field.
 * Pure; stateless.
 */
public final class ResultFileParser {
    /** A file the report cannot use; the message is one line that names the file and what is wrong. */
    public static final class BadResultFile extends Exception {
        private static final long serialVersionUID = 1L;

        public BadResultFile(String message) {
            super(message);
        }
    }

    private ResultFileParser() {
    }

    public static ResultFile parse(JsonNode root, String label) throws BadResultFile {
        if (!root.isObject() || !"lockdemo".equals(root.path("tool").asText())) {
            throw new BadResultFile(label + ": not a lockdemo result (no \"tool\": \"lockdemo\"; "
                    + "make one with lockdemo race --json FILE)");
        }
        JsonNode strategies = root.path("strategies");
        if (!strategies.isArray()) {
            throw new BadResultFile(label + ": not a lockdemo result (no \"strategies\" list)");
        }
        List<ResultFile.Strategy> parsed = new ArrayList<>();
        for (int i = 0; i < strategies.size(); i++) {
            parsed.add(strategy(strategies.get(i), label + ": strategies[" + i + "]"));
        }
        JsonNode db = root.path("database");
        String database = db.path("product").asText("?") + " " + db.path("version").asText("")
                + (db.path("embedded").asBoolean() ? " (embedded)" : "");
        return new ResultFile(label, database.trim(), setup(root), startedAt(root.path("started_at").asText("")),
                root.path("status").asText("complete"), root.path("checks_ok").asBoolean(true), parsed);
    }

    /** 2026-11-25T21:27:26.563599090Z as 2026-11-25 21:27:26Z; anything else as it is. */
    static String startedAt(String instant) {
        return instant.replaceFirst("^(\\d{4}-\\d\\d-\\d\\d)T(\\d\\d:\\d\\d:\\d\\d)(\\.\\d+)?Z$", "$1 $2Z");
    }

    private static String setup(JsonNode root) {
        JsonNode c = root.path("config");
        String isolation = root.path("database").path("isolation").asText(c.path("isolation").asText("?"));
        String schedule = c.has("duration_s") ? c.path("duration_s").asText() + " s per strategy"
                : c.path("rounds").asText("?") + " rounds";
        String keys = c.path("keys").asLong() == 0 ? "hot key" : c.path("keys").asLong() + " keys";
        return "isolation " + isolation.toLowerCase(java.util.Locale.ROOT).replace('-', ' ') + ", "
                + c.path("threads").asText("?") + " threads, " + keys + ", " + schedule + ", hold "
                + c.path("hold_ms").asText("0") + " ms"
                + ("open".equals(c.path("mode").asText()) ? ", open loop at " + c.path("rate_per_s").asText() + "/s" : "");
    }

    private static ResultFile.Strategy strategy(JsonNode s, String where) throws BadResultFile {
        String id = text(s, "strategy", where);
        long attempts = number(s, "attempts", where);
        Map<String, Long> outcomes = new LinkedHashMap<>();
        JsonNode o = s.path("outcomes");
        if (!o.isObject()) {
            throw new BadResultFile(where + ".outcomes: missing");
        }
        for (var e : o.properties()) {
            outcomes.put(e.getKey(), e.getValue().asLong());
        }
        List<ResultFile.CheckLine> checks = new ArrayList<>();
        for (JsonNode c : s.path("checks")) {
            checks.add(new ResultFile.CheckLine(c.path("name").asText(), c.path("passed").asBoolean(),
                    c.path("enforced").asBoolean(), c.path("expected").asText(), c.path("actual").asText(),
                    c.path("evidence").asText()));
        }
        JsonNode h = s.path("histograms");
        JsonNode t = s.path("timeline");
        long[] timelineAttempts = longs(t.path("attempts"));
        long[] timelineSuccesses = longs(t.path("successes"));
        if (timelineAttempts.length != timelineSuccesses.length) {
            throw new BadResultFile(where + ".timeline: " + timelineAttempts.length + " seconds of attempts but "
                    + timelineSuccesses.length + " of successes");
        }
        return new ResultFile.Strategy(id, attempts, outcomes, s.path("throughput_per_s").asDouble(),
                s.path("elapsed_s").asDouble(), s.path("retries").asLong(), s.path("blocked_waits").asLong(),
                s.path("verdict").asText("?"), s.path("explanation").asText(""), checks,
                histogram(h, "latency_ns", where), histogram(h, "lock_wait_ns", where), timelineAttempts,
                timelineSuccesses);
    }

    private static Histogram histogram(JsonNode histograms, String field, String where) throws BadResultFile {
        JsonNode n = histograms.path(field);
        if (!n.isTextual()) {
            throw new BadResultFile(where + ".histograms." + field + ": missing");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(n.asText());
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (DataFormatException | RuntimeException e) { // untrusted bytes: the decoder throws several kinds
            throw new BadResultFile(where + ".histograms." + field + ": not a base64 HdrHistogram (" + e.getMessage()
                    + ")");
        }
    }

    private static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }

    private static String text(JsonNode n, String field, String where) throws BadResultFile {
        if (!n.path(field).isTextual()) {
            throw new BadResultFile(where + "." + field + ": missing");
        }
        return n.path(field).asText();
    }

    private static long number(JsonNode n, String field, String where) throws BadResultFile {
        if (!n.path(field).canConvertToLong()) {
            throw new BadResultFile(where + "." + field + ": missing or not a number");
        }
        return n.path(field).asLong();
    }
}
