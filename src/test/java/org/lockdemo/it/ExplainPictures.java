package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;
import org.lockdemo.explain.ExplainFormat;
import org.lockdemo.explain.Timeline;
import org.lockdemo.explain.TimelineJsonReader;
import org.lockdemo.explain.TimelineReport;

/**
 * The pictures of a real run's explain JSON, drawn in-process: the page, the SVG and the Mermaid
 * diagram each have a lane (participant) per session, a box per event, a bar per blocked step,
 * every error marked, and with {@code --locks} a lock table per step. What ExplainBrowserIT checks
 * in a browser for three scenarios, here for every scenario the lock ITs run. Stateless.
 */
final class ExplainPictures {

    private ExplainPictures() {
    }

    private static String render(Timeline t, ExplainFormat f) {
        StringWriter w = new StringWriter();
        TimelineReport.render(t, f, new PrintWriter(w));
        return w.toString();
    }

    /** How many times {@code regex} matches in {@code text}. */
    static int count(String text, String regex) {
        return (int) Pattern.compile(regex).matcher(text).results().count();
    }

    /** How many events of explain JSON {@code t}'s timeline are of {@code kind} ({@code ran}, {@code blocked}, ...). */
    static int events(JsonNode t, String kind) {
        int n = 0;
        for (JsonNode e : t.path("timeline")) {
            n += e.path("event").asText().equals(kind) ? 1 : 0;
        }
        return n;
    }

    /** The page of a run's explain JSON. */
    static String page(JsonNode json) throws TimelineJsonReader.BadTimeline {
        return render(TimelineJsonReader.read(json), ExplainFormat.HTML);
    }

    /** Reads {@code json} back and checks its three pictures against it. */
    static void assertDrawn(JsonNode json) throws TimelineJsonReader.BadTimeline {
        Timeline t = TimelineJsonReader.read(json);
        String name = t.scenario().name();
        int sessions = json.path("sessions").size();
        int errors = 0;
        for (JsonNode e : json.path("timeline")) {
            errors += e.path("error").isObject() ? 1 : 0;
        }
        for (ExplainFormat f : new ExplainFormat[] {ExplainFormat.SVG, ExplainFormat.HTML}) {
            String drawn = render(t, f);
            assertFalse(drawn.contains("NaN"), name + " " + f + ": a coordinate that is not a number");
            assertEquals(sessions, count(drawn, "<g class=\"lane\" data-session=\"T[0-9](&#39;)?\""), name + " " + f + ": lanes");
            assertEquals(json.path("timeline").size(), count(drawn, "<g class=\"box [a-z- ]+\" data-step=\"[0-9]+\" "
                    + "data-session="), name + " " + f + ": a box per event");
            assertEquals(events(json, "blocked"), count(drawn, "<g class=\"bar\" data-session="),
                    name + " " + f + ": a bar per blocked step");
            assertEquals(errors, count(drawn, "<g class=\"box [a-z-]+ error[ \"]"), name + " " + f + ": errors marked");
        }
        String page = render(t, ExplainFormat.HTML);
        if (!t.locks().isEmpty()) {
            assertEquals(t.locks().size(), count(page, "<section class=\"locks-at\" data-only-step=\"[0-9]+\">"),
                    name + ": a lock table per step");
        }
        String mermaid = render(t, ExplainFormat.MERMAID);
        assertTrue(mermaid.startsWith("sequenceDiagram\n"), name + ": " + mermaid.lines().findFirst().orElse(""));
        assertEquals(sessions, count(mermaid, "(?m)^    participant T[0-9]'?( as T[0-9]'? \\(node [0-9]\\))?$"), name + ": a participant per session");
        assertEquals(events(json, "ran") + events(json, "blocked"), count(mermaid, "(?m)^    T[0-9]'?->>"),
                name + ": a message per statement sent");
    }
}
