package org.lockdemo.report;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.lockdemo.db.JdbcUrls;
import org.lockdemo.report.JunitTestcases.Case;
import org.lockdemo.report.JunitTestcases.Kind;
import org.lockdemo.results.RunResult;

/**
 * The result as JUnit XML ({@code --junit FILE}), the format CI servers show as a test report
 * (GitHub Actions reporters, GitLab's {@code artifacts:reports:junit}, Jenkins, Azure). One
 * {@code <testsuite>} per run, whose {@code <properties>} say how it was made; the testcases:
 * <ul> (see {@link JunitTestcases})
 *   <li>{@code lockdemo.run / completed}: an {@code <error>} when the run stopped early (partial);
 *   <li>per strategy, {@code lockdemo.<strategy> / outcomes}: its time, and the counts, latencies,
 *       errors and verdict in {@code <system-out>}; {@code <skipped>} for a strategy the run was
 *       configured for but stopped before;
 *   <li>per strategy and check, {@code lockdemo.<strategy> / <check>}: a {@code <failure>} for an
 *       enforced check that failed; a lesson (an unsafe strategy showing its flaw, as expected) is a
 *       passed testcase with its evidence in {@code <system-out>}; the table checks that could not
 *       run (the database went away) are {@code <skipped>};
 *   <li>per {@code --expect} expression, {@code lockdemo.expect / <expression>}: a {@code <failure>}
 *       with expected and actual when it did not hold.
 * </ul>
 * So {@code failures} counts what makes lockdemo exit 4 or 5, {@code errors} what makes it exit 6,
 * 7 or 130. Written through {@link XMLStreamWriter}, so every text is escaped; characters XML 1.0
 * cannot hold at all (control characters) become U+FFFD. Validated against Jenkins' and Surefire's
 * schemas in the tests. Pure but for the host name, which the caller supplies; thread-safe.
 */
public final class JunitReport implements ReportFormat {
    private static final Pattern WORD = Pattern.compile("\\S+");

    private final Supplier<String> hostname;

    /** @param hostname the machine the report names ({@code hostname=}); asked once per report */
    public JunitReport(Supplier<String> hostname) {
        this.hostname = hostname;
    }

    @Override
    public void write(RunResult result, Writer out) throws IOException {
        List<Case> cases = JunitTestcases.of(result);
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            attribute(x, "name", suiteName(result));
            attribute(x, "tests", Integer.toString(cases.size()));
            attribute(x, "failures", Long.toString(JunitTestcases.count(cases, Kind.FAILURE)));
            attribute(x, "errors", Long.toString(JunitTestcases.count(cases, Kind.ERROR)));
            attribute(x, "skipped", Long.toString(JunitTestcases.count(cases, Kind.SKIPPED)));
            attribute(x, "time", seconds(runSeconds(result)));
            Instant started = instant(result.startedAt());
            if (started != null) {
                attribute(x, "timestamp", started.truncatedTo(ChronoUnit.SECONDS).toString());
            }
            attribute(x, "hostname", hostname.get());
            x.writeCharacters("\n  ");
            x.writeStartElement("properties");
            for (Map.Entry<String, String> p : JunitProperties.of(result).entrySet()) {
                x.writeCharacters("\n    ");
                x.writeEmptyElement("property");
                attribute(x, "name", p.getKey());
                attribute(x, "value", p.getValue());
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
            for (Case c : cases) {
                testcase(x, c);
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
            x.close(); // does not close out
        } catch (XMLStreamException e) {
            throw new IOException("writing the JUnit XML failed: " + e.getMessage(), e);
        }
        out.flush();
    }

    private static void testcase(XMLStreamWriter x, Case c) throws XMLStreamException {
        x.writeCharacters("\n  ");
        boolean empty = c.kind() == Kind.PASSED && c.systemOut() == null;
        if (empty) {
            x.writeEmptyElement("testcase");
        } else {
            x.writeStartElement("testcase");
        }
        attribute(x, "classname", c.classname());
        attribute(x, "name", c.name());
        attribute(x, "time", seconds(c.timeS()));
        if (empty) {
            return;
        }
        // Surefire's schema orders the children: failure, skipped, error, then system-out
        switch (c.kind()) {
            case FAILURE -> child(x, "failure", c);
            case ERROR -> child(x, "error", c);
            case SKIPPED -> child(x, "skipped", c);
            case PASSED -> {
            }
        }
        if (c.systemOut() != null) {
            x.writeCharacters("\n    ");
            x.writeStartElement("system-out");
            x.writeCharacters(xmlText(c.systemOut()));
            x.writeEndElement();
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private static void child(XMLStreamWriter x, String element, Case c) throws XMLStreamException {
        x.writeCharacters("\n    ");
        if (c.detail() == null) {
            x.writeEmptyElement(element);
        } else {
            x.writeStartElement(element);
        }
        attribute(x, "message", firstLine(c.message()));
        if (c.type() != null) {
            attribute(x, "type", c.type());
        }
        if (c.detail() != null) {
            x.writeCharacters(xmlText(c.detail()));
            x.writeEndElement();
        }
    }

    /** e.g. {@code lockdemo race PostgreSQL 18.3 read committed}; {@code merge} for a merged result. */
    static String suiteName(RunResult r) {
        StringBuilder name = new StringBuilder(r.mergedFrom().isEmpty() ? "lockdemo race" : "lockdemo merge");
        if (r.database() != null) {
            name.append(' ').append(r.database().product()).append(' ').append(r.database().version());
            if (r.database().isolation() != null) {
                name.append(' ').append(r.database().isolation());
            }
        }
        return name.toString();
    }

    /** From the start to the end of the run; without them, the strategies' times added up. */
    private static double runSeconds(RunResult r) {
        Instant start = instant(r.startedAt());
        Instant end = instant(r.finishedAt());
        if (start != null && end != null && !end.isBefore(start)) {
            return Duration.between(start, end).toNanos() / 1e9;
        }
        return r.strategies().stream().mapToDouble(s -> s.elapsedS() == null ? 0 : s.elapsedS()).sum();
    }

    /** An instant as the result holds it; null when absent or not one (a hand-written file). */
    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            return null; // the attribute is optional and the time falls back to the strategies' sum
        }
    }

    /** Seconds with three decimals and a dot, as Surefire's {@code SUREFIRE_TIME} allows. */
    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, s));
    }

    private static void attribute(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeAttribute(name, xmlText(value == null ? "" : value));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * {@code s} with what XML 1.0 cannot carry even escaped (control characters but tab, line feed
     * and carriage return; lone surrogates; U+FFFE, U+FFFF) replaced by U+FFFD, and any URL's
     * password redacted, so that no text can make the file invalid or leak a secret. lockdemo
     * redacts passwords when it records them; this is for a result file edited by hand.
     */
    static String xmlText(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> b.appendCodePoint(legal(cp) ? cp : 0xFFFD));
        return redactWords(b.toString());
    }

    /** Each word (a run of non-blanks) redacted as a URL, a closing quote kept: a line has many. */
    private static String redactWords(String s) {
        Matcher word = WORD.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (word.find()) {
            String w = word.group();
            String quote = w.endsWith("'") || w.endsWith("\"") ? w.substring(w.length() - 1) : "";
            word.appendReplacement(out, Matcher.quoteReplacement(
                    JdbcUrls.redact(w.substring(0, w.length() - quote.length())) + quote));
        }
        word.appendTail(out);
        return out.toString();
    }

    private static boolean legal(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
