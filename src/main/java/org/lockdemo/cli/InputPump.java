package org.lockdemo.cli;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads the user's lines on a thread of its own, one per {@link #request}, so the command's
 * thread can wait for a line and still notice a stop (SIGTERM) or a statement that finished
 * meanwhile. The reading thread is a daemon: at exit it may be left blocked in a read.
 * Thread-safe: {@link #request} and {@link #poll} from the command's thread, the reading on the pump's.
 */
final class InputPump {
    /** One line read: the line, null at the end of input; or the read's failure. */
    record Read(String line, IOException failure) {
    }

    private final BlockingQueue<String> prompts = new LinkedBlockingQueue<>();
    private final BlockingQueue<Read> lines = new LinkedBlockingQueue<>();

    InputPump(Console console) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    String prompt = prompts.take();
                    try {
                        String line = console.readLine(prompt);
                        lines.put(new Read(line, null));
                        if (line == null) {
                            return;
                        }
                    } catch (IOException e) {
                        lines.put(new Read(null, e));
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the command is over: stop reading
            }
        }, "lockdemo-input");
        t.setDaemon(true);
        t.start();
    }

    /** Reads one more line, showing {@code prompt}. */
    void request(String prompt) {
        prompts.add(prompt);
    }

    /** The line read, if one arrived within {@code timeoutMillis}. */
    Optional<Read> poll(long timeoutMillis) throws InterruptedException {
        return Optional.ofNullable(lines.poll(timeoutMillis, TimeUnit.MILLISECONDS));
    }
}
