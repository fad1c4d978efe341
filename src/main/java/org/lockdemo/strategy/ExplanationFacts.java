package org.lockdemo.strategy;

/**
 * The counts of one strategy's run that its plain-language explanation
 * ({@link StrategyKind#explain(ExplanationFacts)}) is written from. Immutable.
 *
 * @param attempts            attempts started
 * @param uniqueViolations    attempts that ended with a duplicate-key error
 * @param foundAfterConflict  attempts that lost the INSERT race and then found the winner's row
 * @param missingAfterConflict attempts that lost the INSERT race and then could not see the row
 *                            (Django re-raises the IntegrityError there)
 * @param lockNotAvailable    attempts that found the row locked under NOWAIT
 * @param retries             transactions retried (serializable)
 * @param nodes               the cluster nodes the threads were spread over (0 or 1: one server)
 */
public record ExplanationFacts(long attempts, long uniqueViolations, long foundAfterConflict, long missingAfterConflict,
        long lockNotAvailable, long retries, int nodes) {

    /** Duplicate-key errors that reached the application: unique violations and missing rows after one. */
    public long surfaced() {
        return uniqueViolations + missingAfterConflict;
    }
}
