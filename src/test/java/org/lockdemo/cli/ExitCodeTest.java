package org.lockdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lockdemo.strategy.StrategyKind;
import picocli.CommandLine;

class ExitCodeTest {

    @Test
    void theWorstCodeWinsInTheDocumentedOrder() {
        // interrupted, then database lost, then deadline, then a failed check, then a failed expectation
        assertEquals(ExitCode.OK, ExitCode.worst());
        assertEquals(ExitCode.OK, ExitCode.worst(ExitCode.OK, ExitCode.OK));
        assertEquals(ExitCode.EXPECTATION_FAILED, ExitCode.worst(ExitCode.OK, ExitCode.EXPECTATION_FAILED));
        assertEquals(ExitCode.CHECKS_FAILED, ExitCode.worst(ExitCode.EXPECTATION_FAILED, ExitCode.CHECKS_FAILED));
        assertEquals(ExitCode.DEADLINE_REACHED, ExitCode.worst(ExitCode.CHECKS_FAILED, ExitCode.DEADLINE_REACHED));
        assertEquals(ExitCode.DATABASE_LOST, ExitCode.worst(ExitCode.DEADLINE_REACHED, ExitCode.DATABASE_LOST));
        assertEquals(ExitCode.INTERRUPTED, ExitCode.worst(ExitCode.DATABASE_LOST, ExitCode.INTERRUPTED,
                ExitCode.CHECKS_FAILED));
        assertEquals(ExitCode.USAGE, ExitCode.worst(ExitCode.INTERRUPTED, ExitCode.USAGE));
    }

    @Test
    void aCodeIsFoundByItsNumber() {
        assertEquals(ExitCode.INTERRUPTED, ExitCode.of(130).orElseThrow());
        assertTrue(ExitCode.of(42).isEmpty());
    }

    private static String help(String... command) {
        StringWriter out = new StringWriter();
        CommandLine cl = Cli.create(Map.of(), new ShutdownGuard(), new PrintWriter(out), new PrintWriter(new StringWriter()));
        CommandLine c = cl;
        for (String name : command) {
            c = c.getSubcommands().get(name);
        }
        c.usage(new PrintWriter(out, true));
        return out.toString();
    }

    @Test
    void raceHelpListsEveryStrategyAndEveryExitCodeFromTheCode() {
        String help = help("race");
        for (StrategyKind k : StrategyKind.values()) {
            assertTrue(java.util.regex.Pattern.compile("[ :]" + java.util.regex.Pattern.quote(k.id()) + "(,|\n)")
                    .matcher(help).find(), "race --help lacks " + k.id() + ":\n" + help);
        }
        for (org.lockdemo.strategy.Framework f : org.lockdemo.strategy.Framework.values()) {
            assertEquals(!StrategyKind.of(f).isEmpty(), help.contains("\n  " + f.id() + " "), "the group " + f.id());
        }
        assertTrue(help.contains("'lockdemo strategies' describes each one"), help);
        assertTrue(help.indexOf("Strategies (--strategy") < help.indexOf("      --url=JDBC_URL"), "the strategies come before the options");
        int codes = help.indexOf("Exit codes:");
        assertTrue(codes > help.indexOf("Examples:"), "the exit codes come after the examples");
        for (ExitCode c : ExitCode.values()) {
            assertTrue(help.substring(codes).contains("\n  " + c.code() + " "), "race --help lacks exit code " + c.code());
        }
        assertTrue(help.contains("  6    " + ExitCode.DATABASE_LOST.meaning().substring(0, 20)), help);
    }

    @Test
    void everyCommandWithADatabaseOrFilesListsItsExitCodes() {
        for (String command : new String[] {"explain", "cleanup", "merge", "report"}) {
            String help = help(command);
            assertEquals(1, help.split("Exit codes:", -1).length - 1, command + " --help:\n" + help);
            assertTrue(help.contains("\n  0    "), command);
            assertTrue(help.contains("\n  2    "), command);
        }
        assertTrue(help("explain").contains("\n  130  interrupted"), help("explain"));
        assertTrue(help().contains("\n  130  "), "lockdemo --help lists every code");
    }
}
