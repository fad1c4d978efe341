package org.lockdemo.results;

/** Results that cannot be merged; the message is one line naming the input and the difference. */
public final class MergeException extends Exception {
    public MergeException(String message) {
        super(message);
    }
}
