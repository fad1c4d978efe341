package org.lockdemo.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code scripts/matrix.sh --databases pg-majors} runs exactly the majors {@code --pg-version} offers. */
class MatrixScriptMajorsTest {

    @Test
    void theScriptsMajorsAreTheEmbeddedServers() throws Exception {
        Matcher m = Pattern.compile("(?m)^pg_majors=\"([0-9 ]+)\"$").matcher(Files.readString(Path.of("scripts/matrix.sh")));
        assertTrue(m.find(), "scripts/matrix.sh names its majors in pg_majors=\"...\"");
        assertEquals(PostgresMajor.choices(), m.group(1).replace(" ", ", "));
    }
}
