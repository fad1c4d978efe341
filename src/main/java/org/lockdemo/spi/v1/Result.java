package org.lockdemo.spi.v1;

/** How a successful call got the row (a failure is an exception). */
public enum Result {
    /** The row was absent and this call inserted it. */
    CREATED,
    /** The row existed and this call locked or read it. */
    FOUND,
    /** This call's INSERT lost to a concurrent one, and it then found the winner's row. */
    FOUND_AFTER_CONFLICT
}
