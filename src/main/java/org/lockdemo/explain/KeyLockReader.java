package org.lockdemo.explain;

import org.lockdemo.db.DatabaseSetupException;

/**
 * Reads the locks on the scenario's key as the server shows them right now, in the scenario's
 * session names ({@code explain --locks}, the sessions REPL's {@code \locks}). Called from one
 * thread, which owns the observer connections.
 */
public interface KeyLockReader extends AutoCloseable {

    /**
     * @param atStep the step the snapshot is taken after, recorded in it
     * @throws DatabaseSetupException when the lock view cannot be read, e.g. a missing privilege;
     *                                the message names the view and the privilege
     */
    LockSnapshot read(int atStep) throws DatabaseSetupException;

    /**
     * The server's own report of the deadlock it has just broken, trimmed to the scenario's
     * sessions and free of ids that change from run to run; empty when the server gives none.
     *
     * @param victim the failed step's result, whose {@link StepResult#serverDetail()} may carry it
     * @throws DatabaseSetupException when the server's report cannot be read
     */
    default String deadlockReport(StepResult victim) throws DatabaseSetupException {
        return "";
    }

    /** Puts back what opening the reader changed on the server (e.g. a global monitor setting). */
    @Override
    default void close() throws DatabaseSetupException {
    }
}
