package org.lockdemo.strategy.file;

import java.sql.SQLException;
import org.lockdemo.model.RowKey;

/**
 * A value a strategy file computes from the key ({@code let:}), bound as one parameter in every
 * statement: a whole number ({@link KeyValue}) or a text ({@link KeyText}). Immutable.
 */
sealed interface LetValue permits KeyValue, KeyText {
    /** Where it is written ({@code FILE:LINE:COL}), for messages. */
    String where();

    /** The parameter's name. */
    String name();

    /** Its value for {@code key} on the run's table {@code table}: a {@code Long} or a {@code String}. */
    Object value(RowKey key, String table) throws SQLException;
}
