package org.lockdemo.explain;

import org.lockdemo.db.DatabaseSetupException;

/**
 * Reads the locks on the scenario's key as the server shows them right now, in the scenario's
 * session names ({@code explain --locks}, the sessions REPL's {@code \locks}). Called from one
 * thread, which owns the observer connections.
 */
public interface KeyLockReader {

    /**
     * @param atStep the step the snapshot is taken after, recorded in it
     * @throws DatabaseSetupException when the lock view cannot be read, e.g. a missing privilege;
     *                                the message names the view and the privilege
     */
    LockSnapshot read(int atStep) throws DatabaseSetupException;
}
