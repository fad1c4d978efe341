package org.lockdemo.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The table names {@code lockdemo cleanup} takes for lockdemo's: only the shapes a run makes. */
class CleanupTableNamesTest {

    @Test
    void aBuiltInsAFilesAndAClasssTablesAreLockdemos() {
        assertTrue(CleanupCommand.RUN_TABLE.matcher("lockdemo_0a1b2c3d_savepoint").matches());
        assertTrue(CleanupCommand.RUN_TABLE.matcher("lockdemo_0a1b2c3d_file_upsert_then_lock").matches());
        assertTrue(CleanupCommand.RUN_TABLE.matcher("lockdemo_0a1b2c3d_class_tag_repository").matches());
    }

    @Test
    void otherNamesAreNot() {
        assertFalse(CleanupCommand.RUN_TABLE.matcher("lockdemo_0a1b2c3d_mytable").matches(), "not a strategy");
        assertFalse(CleanupCommand.RUN_TABLE.matcher("lockdemo_0a1b2c3d_file_").matches(), "a file's name is not empty");
        assertFalse(CleanupCommand.RUN_TABLE.matcher("lockdemo_xyz_file_a").matches(), "the run id is 8 hex digits");
        assertFalse(CleanupCommand.RUN_TABLE.matcher("users").matches());
    }
}
