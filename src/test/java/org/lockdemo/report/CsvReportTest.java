package org.lockdemo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.lockdemo.results.ResultJson;
import org.lockdemo.results.RunResults;
import org.junit.jupiter.api.Test;

/**
 * Golden test of the per-strategy CSV from the fixed fixture run. To update the golden file after
 * an intended change, write {@code render(Locale.US)} to it and review the difference.
 */
class CsvReportTest {
    private static final String GOLDEN = "summary-golden.csv";

    private static String render(Locale locale) throws IOException {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(locale);
            StringWriter text = new StringWriter();
            Format.CSV.write(RunResults.of(ReportFixture.result(), "9.9.9-test"), text);
            return text.toString();
        } finally {
            Locale.setDefault(saved);
        }
    }

    private static String golden() throws IOException {
        try (InputStream in = CsvReportTest.class.getResourceAsStream(GOLDEN)) {
            assertNotNull(in, GOLDEN + " on the test class path");
            // the file is kept with LF in git; RFC 4180 rows end in CRLF
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
        }
    }

    @Test
    void matchesTheGoldenFileUnderTwoLocales() throws IOException {
        assertEquals(golden(), render(Locale.US));
        assertEquals(golden(), render(Locale.GERMANY)); // decimal comma must not leak into the numbers
    }

    @Test
    void everyRowHasOneFieldPerColumn() throws IOException {
        String[] lines = render(Locale.US).split("\r\n");
        assertEquals(4, lines.length, "header and three strategies");
        for (String line : lines) {
            assertEquals(CsvReport.columns().size(), line.split(",", -1).length, line);
        }
    }

    @Test
    void fieldsWithSeparatorsAreQuotedPerRfc4180() throws IOException {
        assertEquals("plain", CsvReport.quote("plain"));
        assertEquals("\"a,b\"", CsvReport.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvReport.quote("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvReport.quote("two\nlines"));
        ObjectNode odd = (ObjectNode) new ObjectMapper().readTree(
                "{\"strategies\":[{\"strategy\":\"x,y\",\"attempts\":1,\"verdict\":\"a \\\"b\\\"\"}]}");
        StringWriter text = new StringWriter();
        Format.CSV.write(ResultJson.read(odd), text);
        String row = text.toString().split("\r\n")[1];
        assertEquals("\"x,y\",1,", row.substring(0, 8));
        assertEquals(",\"a \"\"b\"\"\"", row.substring(row.lastIndexOf(",\"a")));
    }
}
