package org.lockdemo.explain;

import java.util.List;
import java.util.Map;
import org.lockdemo.db.DatabaseSetupException;

/**
 * Who waits for whom right now, as the server sees it, in the scenario's session names. The real
 * one reads the server's lock view on every node ({@link ServerLockView}); tests use fakes. Called
 * from the interpreter's thread only.
 */
interface SessionLockView {

    /**
     * Each session of the scenario that waits for a lock, mapped to the sessions that hold it,
     * sorted by name; a holder that is not one of the scenario's sessions is named for what it is
     * (e.g. {@code another client's session 42}). Sessions that do not wait are absent.
     *
     * @throws DatabaseSetupException when the view cannot be read
     */
    Map<String, List<String>> waitsFor() throws DatabaseSetupException;
}
