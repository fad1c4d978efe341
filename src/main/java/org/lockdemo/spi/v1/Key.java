package org.lockdemo.spi.v1;

/**
 * The key an attempt gets or creates, and the table it lives in. Immutable.
 *
 * @param jahr  the key's year, column {@code jahr} (integer)
 * @param monat the key's month, column {@code monat} (smallint)
 * @param table lockdemo's table for the run, to be written into the SQL as it is (it is a plain
 *              identifier lockdemo made, {@code lockdemo_<runid>_class_<name>})
 */
public record Key(int jahr, int monat, String table) {
}
