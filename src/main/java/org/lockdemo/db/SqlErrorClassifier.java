package org.lockdemo.db;

import java.sql.SQLException;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.SqlStep;

/**
 * Maps an {@link SQLException} to the {@link Outcome} it ends an attempt with. There is exactly
 * one implementation per dialect, and it is the only place in lockdemo that looks at SQLStates or
 * vendor codes. Implementations are stateless and safe to call from any thread.
 */
public interface SqlErrorClassifier {

    /**
     * @param e    the exception as thrown by the driver or pool
     * @param step the statement that raised it; some codes mean different things on different steps
     */
    Outcome classify(SQLException e, SqlStep step);

    /** The symbolic name of the condition, e.g. {@code unique_violation}, for messages; never null. */
    String conditionName(SQLException e);

    /**
     * The server's detail of the error beyond its message, e.g. PostgreSQL's DETAIL of a deadlock
     * ({@code Process 123 waits for ShareLock on transaction 456; blocked by process 789. ...});
     * empty when the server sends none.
     */
    default String serverDetail(SQLException e) {
        return "";
    }

    /**
     * The number an error is shown with in explain's timeline: the vendor code. SQLite's is its
     * extended result code (517, 2067), which tells what the primary one (5, 19) does not.
     */
    default int shownCode(SQLException e) {
        return vendorCode(e);
    }

    /** What {@link #shownCode} is called where it is shown, e.g. {@code vendor code}. */
    default String shownCodeName() {
        return "vendor code";
    }

    /** The first SQLState in the chain of {@code e}, or {@code null} if none carries one. */
    static String sqlState(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return null;
    }

    /** The first non-zero vendor code in the chain of {@code e}, or 0. */
    static int vendorCode(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() != 0) {
                return s.getErrorCode();
            }
        }
        return 0;
    }
}
