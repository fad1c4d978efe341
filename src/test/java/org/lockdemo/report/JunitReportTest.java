package org.lockdemo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.lockdemo.results.ExpectationCheck;
import org.lockdemo.results.Provenance;
import org.lockdemo.results.ResultJson;
import org.lockdemo.results.RunResult;
import org.lockdemo.results.RunResults;
import org.lockdemo.results.StrategyEntry;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The JUnit XML of {@code --junit}: valid against Jenkins' and Surefire's schemas, counts that
 * match its testcases, a failed enforced check and a failed expectation as failures, a lesson as a
 * passed testcase with its evidence, text that needs escaping carried intact, provenance without a
 * secret; and golden against {@code junit-golden.xml} under two locales. To regenerate the golden
 * file after an intended change: {@code LOCKDEMO_REGENERATE_GOLDEN=1 mvn -B -o test
 * -Dtest=JunitReportTest}, then review the difference.
 */
class JunitReportTest {
    private static final String GOLDEN = "junit-golden.xml";
    private static final boolean REGENERATE = "1".equals(System.getenv("LOCKDEMO_REGENERATE_GOLDEN"));
    private static final String HOST = "ci-runner-7";
    private static final String SECRET = "hunter2-Horse";
    /** What XML must escape (markup, quotes, a CDATA end), a control character it cannot hold, and non-ASCII. */
    private static final String EVIDENCE = "key (1, 2): counter 3 < 4 & \"lost\" 'one' ]]> bell\u0007 Jahr/Monat äöü ✓ 𝄞";
    private static final String EVIDENCE_AS_READ = EVIDENCE.replace('\u0007', '\uFFFD');

    /**
     * The fixture run (naive's lesson, savepoint, nowait) with savepoint's {@code no_lost_update}
     * failed, its evidence full of characters to escape, a provenance whose command line carries a
     * password (as only a hand-edited file could), and two expectations, one failed.
     */
    static RunResult fixture() {
        ObjectNode tree = ResultJson.toTree(RunResults.of(ReportFixture.result(), "9.9.9-test"));
        for (JsonNode s : tree.get("strategies")) {
            if (s.get("strategy").asText().equals("savepoint")) {
                for (JsonNode c : s.get("checks")) {
                    if (c.get("name").asText().equals("no_lost_update")) {
                        ((ObjectNode) c).put("passed", false).put("actual", "counters sum to 19 < 20")
                                .put("evidence", EVIDENCE);
                    }
                }
                ((ObjectNode) s).put("verdict", "fail").put("invariants_ok", false);
            }
        }
        tree.put("checks_ok", false);
        Map<String, BigDecimal> savepoint = new LinkedHashMap<>();
        savepoint.put("savepoint", BigDecimal.ZERO);
        Map<String, BigDecimal> all = new LinkedHashMap<>();
        all.put("naive", new BigDecimal("3"));
        all.put("savepoint", BigDecimal.ZERO);
        all.put("nowait", new BigDecimal("10.50"));
        return ResultJson.read(tree)
                .withProvenance(new Provenance("lockdemo race --url 'jdbc:postgresql://db:5432/test?password=" + SECRET
                        + "' --threads 4 --expect 'all.lock_not_available < 3' --junit -", "9.9.9-test", "0123abc",
                        "17.0.15 (test JVM)", "Linux test amd64", 2))
                .withExpectations(List.of(new ExpectationCheck("savepoint.unique_violation == 0", true, false, savepoint),
                        new ExpectationCheck("all.lock_not_available < 3", false, true, all)));
    }

    static String render(RunResult result) throws IOException {
        StringWriter out = new StringWriter();
        new JunitReport(() -> HOST).write(result, out);
        return out.toString();
    }

    private static String render(RunResult result, Locale locale) throws IOException {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(locale);
            return render(result);
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void matchesTheGoldenFileUnderTwoLocales() throws IOException {
        String us = render(fixture(), Locale.US);
        if (REGENERATE) {
            Files.writeString(Path.of("src/test/resources/org/lockdemo/report", GOLDEN), us, StandardCharsets.UTF_8);
        }
        try (InputStream in = JunitReportTest.class.getResourceAsStream(GOLDEN)) {
            assertNotNull(in, GOLDEN + " on the test class path");
            String golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(golden, us);
            assertEquals(golden, render(fixture(), Locale.GERMANY)); // no decimal comma in a time
        }
    }

    @Test
    void isValidAgainstJenkinsAndSurefireSchemas() throws IOException {
        JunitSchemas.assertValid(render(fixture()));
        JunitSchemas.assertValid(render(partial()));
    }

    /** The validation itself can fail: what a CI server's parser would not take, the schemas refuse. */
    @Test
    void theSchemasRefuseAMalformedReport() throws IOException {
        String xml = render(fixture());
        String outOfOrder = xml.replaceFirst("(?s)(<failure [^>]*>.*?</failure>)", "<system-out>x</system-out>$1");
        assertTrue(outOfOrder.contains("<system-out>x</system-out><failure"), "the edit applied");
        AssertionError e = assertThrows(AssertionError.class,
                () -> JunitSchemas.assertValid(outOfOrder));
        assertTrue(e.getMessage().contains("surefire-test-report.xsd"), e.getMessage());
        String noTests = xml.replaceFirst(" tests=\"24\"", "");
        e = assertThrows(AssertionError.class, () -> JunitSchemas.assertValid(noTests));
        assertTrue(e.getMessage().contains("jenkins-junit-10.xsd"), e.getMessage());
        String commaTime = xml.replace("time=\"1.500\"", "time=\"1,500\"");
        assertThrows(AssertionError.class, () -> JunitSchemas.assertValid(commaTime));
    }

    @Test
    void theSuiteCountsItsTestcases() throws Exception {
        for (RunResult r : List.of(fixture(), partial())) {
            Document doc = JunitSchemas.parse(render(r));
            Element suite = doc.getDocumentElement();
            assertEquals(Integer.toString(count(doc, "//testcase")), suite.getAttribute("tests"));
            assertEquals(Integer.toString(count(doc, "//testcase/failure")), suite.getAttribute("failures"));
            assertEquals(Integer.toString(count(doc, "//testcase/error")), suite.getAttribute("errors"));
            assertEquals(Integer.toString(count(doc, "//testcase/skipped")), suite.getAttribute("skipped"));
        }
        Element suite = JunitSchemas.parse(render(fixture())).getDocumentElement();
        // the run, 3 x (outcomes + 6 checks), 2 expectations
        assertEquals("24", suite.getAttribute("tests"));
        assertEquals("2", suite.getAttribute("failures"), "savepoint's check and the expectation");
        assertEquals("0", suite.getAttribute("errors"));
        assertEquals("0", suite.getAttribute("skipped"));
    }

    @Test
    void theSuiteSaysWhatRanWhereAndWhen() throws Exception {
        Element suite = JunitSchemas.parse(render(fixture())).getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("lockdemo race PostgreSQL 18.3 read committed", suite.getAttribute("name"));
        assertEquals("1.500", suite.getAttribute("time"), "from started_at to finished_at");
        assertEquals("2025-01-01T12:00:00Z", suite.getAttribute("timestamp"));
        assertEquals(HOST, suite.getAttribute("hostname"));
    }

    @Test
    void anEnforcedCheckThatFailedIsAFailureWithItsEvidence() throws Exception {
        Document doc = JunitSchemas.parse(render(fixture()));
        Element failure = one(doc, "//testcase[@classname='lockdemo.savepoint'][@name='no_lost_update']/failure");
        assertEquals(JunitTestcases.FAILED_CHECK, failure.getAttribute("type"));
        assertEquals("savepoint failed no_lost_update: expected counters sum to 20 (one per attempt that committed its "
                + "update), actual counters sum to 19 < 20", failure.getAttribute("message"));
        assertTrue(failure.getTextContent().endsWith("\n" + EVIDENCE_AS_READ), failure.getTextContent());
        // the other strategies' same check passed
        assertEquals(0, count(doc, "//testcase[@classname='lockdemo.nowait'][@name='no_lost_update']/failure"));
    }

    @Test
    void aLessonIsAPassedTestcaseWithItsEvidenceInSystemOut() throws Exception {
        Document doc = JunitSchemas.parse(render(fixture()));
        String path = "//testcase[@classname='lockdemo.naive'][@name='no_unique_violation_surfaced']";
        Element lesson = one(doc, path);
        assertEquals(0, count(doc, path + "/failure") + count(doc, path + "/error") + count(doc, path + "/skipped"));
        String out = one(doc, path + "/system-out").getTextContent();
        assertTrue(out.startsWith("lesson: naive is not meant to be safe"), out);
        assertTrue(out.contains("actual: 3\n3 unique violations: expected of this strategy"), out);
        assertEquals("0.000", lesson.getAttribute("time"));
    }

    @Test
    void eachStrategyHasItsOutcomesAndTime() throws Exception {
        RunResult r = fixture();
        Document doc = JunitSchemas.parse(render(r));
        for (StrategyEntry s : r.strategies()) {
            Element outcomes = one(doc, "//testcase[@classname='lockdemo." + s.strategy() + "'][@name='outcomes']");
            assertEquals(JunitReport.seconds(s.elapsedS()), outcomes.getAttribute("time"));
            String out = one(doc, "//testcase[@classname='lockdemo." + s.strategy() + "'][@name='outcomes']/system-out")
                    .getTextContent();
            assertTrue(out.startsWith(s.strategy() + ": verdict " + s.verdict() + ", " + s.attempts() + " attempts"), out);
            for (Map.Entry<String, Long> o : s.outcomes().entrySet()) {
                assertEquals(o.getValue() > 0, out.contains(o.getKey() + " " + o.getValue()), o + " in " + out);
            }
        }
        String naive = one(doc, "//testcase[@classname='lockdemo.naive'][@name='outcomes']/system-out").getTextContent();
        assertTrue(naive.contains("error unique_violation at insert, SQLState 23505: 3 x, first: ERROR: duplicate key"),
                naive);
    }

    @Test
    void aFailedExpectationIsAFailureWithExpectedAndActual() throws Exception {
        Document doc = JunitSchemas.parse(render(fixture()));
        Element failure = one(doc, "//testcase[@classname='lockdemo.expect'][@name='all.lock_not_available < 3']/failure");
        assertEquals(JunitTestcases.FAILED_EXPECTATION, failure.getAttribute("type"));
        assertEquals("expected all.lock_not_available < 3, actual naive 3, savepoint 0, nowait 10.5",
                failure.getAttribute("message"));
        assertEquals(0, count(doc, "//testcase[@name='savepoint.unique_violation == 0']/failure"));
        assertEquals("passed\nexpected: savepoint.unique_violation == 0\nactual: 0",
                one(doc, "//testcase[@name='savepoint.unique_violation == 0']/system-out").getTextContent());
    }

    @Test
    void thePropertiesSayHowTheRunWasMadeAndNeverCarryASecret() throws Exception {
        String xml = render(fixture());
        assertFalse(xml.contains(SECRET), xml);
        Document doc = JunitSchemas.parse(xml);
        Map<String, String> p = new LinkedHashMap<>();
        NodeList props = (NodeList) xpath().evaluate("/testsuite/properties/property", doc, XPathConstants.NODESET);
        for (int i = 0; i < props.getLength(); i++) {
            Element e = (Element) props.item(i);
            p.put(e.getAttribute("name"), e.getAttribute("value"));
        }
        assertEquals("9.9.9-test", p.get("lockdemo.version"));
        assertEquals("0123abc", p.get("lockdemo.git_commit"));
        assertEquals("lockdemo race --url 'jdbc:postgresql://db:5432/test?password=***' --threads 4 "
                + "--expect 'all.lock_not_available < 3' --junit -", p.get("lockdemo.command_line"));
        assertEquals("PostgreSQL", p.get("database.product"));
        assertEquals("18.3", p.get("database.version"));
        assertEquals("read committed", p.get("database.isolation"));
        assertEquals("4", p.get("config.threads"));
        assertEquals("5", p.get("config.rounds"));
        assertEquals("42", p.get("config.seed"));
        assertEquals("naive,savepoint,nowait", p.get("config.strategies"));
        assertEquals("20250101t120000z-a1b2", p.get("run_id"));
        assertFalse(p.containsKey("config.duration_s"), "a run of rounds has no duration");
    }

    @Test
    void textXmlCannotHoldIsReplacedAndEverythingElseKept() {
        assertEquals("a\uFFFDb\tc\n\uFFFD𝄞", JunitReport.xmlText("a\u0000b\tc\n\uD800𝄞"));
    }

    /**
     * A run stopped early (the database went away) after naive and savepoint: the run is an error,
     * nowait, never reached, skipped, and savepoint's table checks, which could not run, skipped.
     */
    static RunResult partial() {
        ObjectNode tree = ResultJson.toTree(RunResults.of(ReportFixture.result("the database went away"), "9.9.9-test"));
        ((ArrayNode) tree.get("strategies")).remove(2);
        ObjectNode savepoint = (ObjectNode) tree.get("strategies").get(1);
        ArrayNode checks = savepoint.putArray("checks");
        checks.addObject().put("name", "attempts_add_up").put("passed", true).put("enforced", true)
                .put("expected", "attempts = sum of outcomes = 20").put("actual", "sum of outcomes = 20")
                .put("evidence", "every attempt ended in exactly one outcome");
        checks.addObject().put("name", "table_checks").put("passed", false).put("enforced", false)
                .put("expected", "the table read back and checked").put("actual", "not checked")
                .put("evidence", "the database went away before the table was read");
        return ResultJson.read(tree);
    }

    @Test
    void aPartialRunIsAnErrorAndWhatDidNotRunIsSkipped() throws Exception {
        Document doc = JunitSchemas.parse(render(partial()));
        Element suite = doc.getDocumentElement();
        assertEquals("1", suite.getAttribute("errors"));
        assertEquals("2", suite.getAttribute("skipped"));
        assertEquals("0", suite.getAttribute("failures"));
        Element error = one(doc, "//testcase[@classname='lockdemo.run'][@name='completed']/error");
        assertEquals(JunitTestcases.PARTIAL_RUN, error.getAttribute("type"));
        assertEquals("the run stopped early: the database went away", error.getAttribute("message"));
        assertEquals("not run: the run stopped before nowait",
                one(doc, "//testcase[@classname='lockdemo.nowait'][@name='outcomes']/skipped").getAttribute("message"));
        assertEquals("table_checks not checked: the database went away before the table was read",
                one(doc, "//testcase[@classname='lockdemo.savepoint'][@name='table_checks']/skipped")
                        .getAttribute("message"));
    }

    @Test
    void aMergedResultIsNamedForMerge() throws Exception {
        JsonNode merged;
        try (InputStream in = JunitReportTest.class.getResourceAsStream("merge-golden.json")) {
            assertNotNull(in);
            merged = new ObjectMapper().readTree(in);
        }
        String xml = render(ResultJson.read(merged));
        JunitSchemas.assertValid(xml);
        Document doc = JunitSchemas.parse(xml);
        assertTrue(doc.getDocumentElement().getAttribute("name").startsWith("lockdemo merge PostgreSQL 18.3"), xml);
        assertEquals("a.json", one(doc, "//property[@name='merged_from.0.file']").getAttribute("value"));
    }

    @Test
    void aResultWithAlmostNothingStillGivesAValidReport() throws IOException {
        // a hand-written file: no database, configuration, times or checks
        RunResult bare = ResultJson.read(new ObjectMapper().readTree(
                "{\"strategies\":[{\"strategy\":\"x<y\",\"attempts\":1}]}"));
        JunitSchemas.assertValid(render(bare));
    }

    private static XPath xpath() {
        return XPathFactory.newInstance().newXPath();
    }

    private static int count(Document doc, String path) throws XPathExpressionException {
        return ((NodeList) xpath().evaluate(path, doc, XPathConstants.NODESET)).getLength();
    }

    private static Element one(Document doc, String path) throws XPathExpressionException {
        NodeList found = (NodeList) xpath().evaluate(path, doc, XPathConstants.NODESET);
        assertEquals(1, found.getLength(), path);
        return (Element) found.item(0);
    }
}
