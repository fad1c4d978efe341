package org.lockdemo.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --no-color}, for the commands that print verdicts or errors a terminal could colour; the
 * decision itself is {@link ColourChoice}'s. Used by one command thread.
 */
public final class ColourOption {
    /** The option's name, also looked for by the usage-error handler, which runs before it is parsed. */
    static final String NO_COLOR = "--no-color";

    @Option(names = NO_COLOR, description = "No colour (also with NO_COLOR set; colour only ever goes to a terminal).")
    boolean noColor;

    /** Whether to colour what goes to standard output. */
    boolean stdout(Map<String, String> env, Terminals terminals) {
        return ColourChoice.on(noColor, env, terminals.stdout());
    }

    /** Whether to colour the error lines on standard error. */
    boolean stderr(Map<String, String> env, Terminals terminals) {
        return ColourChoice.on(noColor, env, terminals.stderr());
    }
}
