package org.lockdemo.results;

/**
 * The whole lockdemo process's CPU while the workers ran (not the server's). Immutable.
 *
 * @param usPerAttempt rounded to 0.01 µs
 */
public record ClientCpu(long nanos, double usPerAttempt) {
}
