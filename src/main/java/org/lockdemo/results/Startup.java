package org.lockdemo.results;

/**
 * Where the time from the process start to the first attempt went, in milliseconds. Immutable.
 *
 * @param embeddedServerMillis null when no embedded server was started
 */
public record Startup(long startupMillis, long jvmToCommandMillis, Long embeddedServerMillis,
        long databaseSetupMillis) {
}
