package org.lockdemo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lockdemo.results.ExpectationCheck;
import org.lockdemo.results.MergeException;
import org.lockdemo.results.ResultMerger;
import org.lockdemo.results.Provenance;
import org.lockdemo.results.ResultJson;
import org.lockdemo.results.RunResult;
import org.lockdemo.results.RunResults;
import org.lockdemo.results.Startup;

/**
 * Golden test of the JSON result: the fixture run with provenance, startup figures and two
 * checked expectations, as {@code race --json} writes it. The text is the contract users and
 * scripts read: field names, order and number forms. To update the golden file after an intended
 * change (additions only), print {@code ResultJson.toText(fixture())} and review the difference;
 * likewise {@code mergedFixture()} for merge-golden.json, the shape {@code merge -o} writes.
 */
class JsonGoldenTest {
    private static final String GOLDEN = "json-golden.json";
    private static final String MERGE_GOLDEN = "merge-golden.json";

    static RunResult fixture() {
        Map<String, BigDecimal> perStrategy = new LinkedHashMap<>();
        perStrategy.put("naive", new BigDecimal("3"));
        perStrategy.put("savepoint", BigDecimal.ZERO);
        perStrategy.put("nowait", BigDecimal.ZERO);
        return RunResults.of(ReportFixture.result(), "9.9.9-test")
                .withProvenance(new Provenance("lockdemo race --threads 4 --rounds 5 --json r.json", "9.9.9-test",
                        "abc1234", "17.0.9 (OpenJDK 64-Bit Server VM, Eclipse Adoptium)", "Linux 6.1.0 amd64", 2))
                .withStartup(new Startup(1234, 310, 880L, 44))
                .withExpectations(List.of(
                        new ExpectationCheck("savepoint.unique_violation == 0", true, false,
                                Map.of("savepoint", BigDecimal.ZERO)),
                        new ExpectationCheck("all.unique_violation == 0", false, true, perStrategy)));
    }

    /** The fixture run split in two (rounds 0-2 and 3-4) and merged, as {@code merge -o} writes it. */
    static RunResult mergedFixture() throws MergeException {
        return ResultMerger.merge(List.of(
                new ResultMerger.Input("a.json", RunResults.of(ReportFixture.result("a", 0, 3, 0, null), "9.9.9-test")),
                new ResultMerger.Input("b.json", RunResults.of(ReportFixture.result("b", 3, 5, 0, null), "9.9.9-test"))),
                "9.9.9-test").result();
    }

    private static String golden() throws IOException {
        return golden(GOLDEN);
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = JsonGoldenTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name + " on the test class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theFixtureIsWrittenExactlyAsTheGoldenFile() throws Exception {
        assertEquals(golden(), Locales.withDefault(Locale.US, () -> ResultJson.toText(fixture())));
    }

    @Test
    void isTheSameUnderAGermanLocale() throws Exception {
        assertEquals(golden(), Locales.withDefault(Locale.GERMANY, () -> ResultJson.toText(fixture())));
    }

    @Test
    void theMergedFixtureIsWrittenExactlyAsTheMergeGoldenFile() throws Exception {
        assertEquals(golden(MERGE_GOLDEN), Locales.withDefault(Locale.GERMANY, () -> ResultJson.toText(mergedFixture())));
        assertEquals(golden(MERGE_GOLDEN), ResultJson.toText(ResultJson.read(golden(MERGE_GOLDEN))));
    }

    @Test
    void theGoldenFileReadsBackToTheSameText() throws Exception {
        assertEquals(golden(), ResultJson.toText(ResultJson.read(golden())));
    }
}
