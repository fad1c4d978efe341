package org.lockdemo.check;

import org.lockdemo.model.RowKey;

/** One key as found in the table after a run: how many rows carry it and the sum of their counters. */
public record KeyRow(RowKey key, long rows, long counterSum) {
}
