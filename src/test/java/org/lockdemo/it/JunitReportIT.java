package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockdemo.report.JunitSchemas;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code --junit} from real runs on the embedded PostgreSQL: the file of a race and of a merge is
 * valid against the schemas CI servers read it by, and says what the JSON says: the same outcome
 * counts, a failed expectation as the one failure (exit 5), the run's configuration as properties.
 */
class JunitReportIT {
    private static final XPath XPATH = XPathFactory.newInstance().newXPath();

    private static LockdemoRun race(Path json, Path junit, String... more) {
        List<String> args = new ArrayList<>(List.of("race", "--url", TestDatabases.embeddedUrl(), "--user", "postgres",
                "--threads", "3", "--rounds", "3", "--strategy", "naive,savepoint", "-q", "--json", json.toString(),
                "--junit", junit.toString()));
        args.addAll(List.of(more));
        return LockdemoRun.run(args.toArray(String[]::new));
    }

    @Test
    void aRaceAndAMergeWriteValidJunitThatAgreesWithTheJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("a.json");
        Path junit = dir.resolve("a.xml");
        LockdemoRun run = race(json, junit, "--expect", "savepoint.unique_violation == 0", "--expect",
                "naive.attempts == 10");
        assertEquals(5, run.exitCode(), "the second expectation fails (9 attempts): " + run);
        String xml = Files.readString(junit, StandardCharsets.UTF_8);
        JunitSchemas.assertValid(xml);
        Document doc = JunitSchemas.parse(xml);
        Element suite = doc.getDocumentElement();
        assertEquals("lockdemo race PostgreSQL " + LockdemoRun.json(json).get("database").get("version").asText()
                + " read committed", suite.getAttribute("name"));
        assertEquals("17", suite.getAttribute("tests"), "the run, 2 x (outcomes and 6 checks), 2 expectations");
        assertEquals("1", suite.getAttribute("failures"), "savepoint's checks passed; one expectation failed");
        assertEquals("0", suite.getAttribute("errors"));
        assertEquals("expected naive.attempts == 10, actual 9", ((Element) node(doc,
                "//testcase[@classname='lockdemo.expect'][@name='naive.attempts == 10']/failure")).getAttribute("message"));
        assertEquals("3", property(doc, "config.threads"));
        assertEquals("3", property(doc, "config.rounds"));
        assertEquals("PostgreSQL", property(doc, "database.product"));
        assertTrue(property(doc, "lockdemo.command_line").contains("--junit " + junit), property(doc, "lockdemo.command_line"));

        JsonNode result = LockdemoRun.json(json);
        assertEquals(result.get("run_id").asText(), property(doc, "run_id"));
        for (String name : List.of("naive", "savepoint")) {
            JsonNode s = LockdemoRun.strategy(result, name);
            String out = node(doc, "//testcase[@classname='lockdemo." + name + "'][@name='outcomes']/system-out")
                    .getTextContent();
            assertTrue(out.startsWith(name + ": verdict " + s.get("verdict").asText() + ", 9 attempts"), out);
            s.get("outcomes").properties().forEach(o -> assertEquals(o.getValue().asLong() > 0,
                    out.contains(o.getKey() + " " + o.getValue().asLong()), o + " in " + out));
        }
        // naive's unique violations, when the race produced any, are its lesson: passed, with the evidence
        String lesson = "//testcase[@classname='lockdemo.naive'][@name='no_unique_violation_surfaced']";
        assertEquals(0, ((NodeList) XPATH.evaluate(lesson + "/failure", doc, XPathConstants.NODESET)).getLength());
        assertEquals(LockdemoRun.outcome(LockdemoRun.strategy(result, "naive"), "unique_violation") > 0,
                node(doc, lesson + "/system-out").getTextContent().startsWith("lesson: "));

        Path other = dir.resolve("b.json");
        assertEquals(0, race(other, dir.resolve("b.xml")).exitCode());
        Path mergedJunit = dir.resolve("merged.xml");
        LockdemoRun merge = LockdemoRun.run("merge", json.toString(), other.toString(), "-o",
                dir.resolve("merged.json").toString(), "--junit", mergedJunit.toString(), "--expect", "all.attempts == 18");
        assertEquals(0, merge.exitCode(), merge.toString());
        String mergedXml = Files.readString(mergedJunit, StandardCharsets.UTF_8);
        JunitSchemas.assertValid(mergedXml);
        Document merged = JunitSchemas.parse(mergedXml);
        assertTrue(merged.getDocumentElement().getAttribute("name").startsWith("lockdemo merge PostgreSQL"), mergedXml);
        assertEquals("0", merged.getDocumentElement().getAttribute("failures"));
        assertEquals(json.toString(), property(merged, "merged_from.0.file"));
        assertTrue(node(merged, "//testcase[@name='all.attempts == 18']/system-out").getTextContent()
                .endsWith("actual: naive 18, savepoint 18"), mergedXml);
    }

    private static org.w3c.dom.Node node(Document doc, String path) throws Exception {
        NodeList found = (NodeList) XPATH.evaluate(path, doc, XPathConstants.NODESET);
        assertEquals(1, found.getLength(), path);
        return found.item(0);
    }

    private static String property(Document doc, String name) throws Exception {
        return ((Element) node(doc, "/testsuite/properties/property[@name='" + name + "']")).getAttribute("value");
    }
}
