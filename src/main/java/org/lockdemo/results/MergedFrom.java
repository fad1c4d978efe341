package org.lockdemo.results;

/**
 * One input of a merge: where it came from and what identifies it. Immutable.
 *
 * @param provenance null when the input had none
 */
public record MergedFrom(String file, String runId, String status, String startedAt, String finishedAt, Long seed,
        String url, Provenance provenance) {
}
