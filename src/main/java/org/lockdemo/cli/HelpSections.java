package org.lockdemo.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lockdemo.strategy.Framework;
import org.lockdemo.strategy.StrategyKind;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The parts of {@code --help} generated from the code that owns them: the strategies from
 * {@link StrategyKind#description()}, the exit codes from {@link ExitCode}. Stateless; called while
 * the command line is built.
 */
final class HelpSections {
    static final String STRATEGIES = "lockdemoStrategies";
    static final String EXIT_CODES = "lockdemoExitCodes";
    private static final String NL = System.lineSeparator();

    private HelpSections() {
    }

    /**
     * Lists every strategy's id under its framework's group, in the order {@code all} runs them,
     * right after the description; what each does is {@code lockdemo strategies}' job (33 strategies'
     * descriptions would bury the options).
     */
    static void strategies(CommandLine cl) {
        cl.getHelpSectionMap().put(STRATEGIES, help -> {
            StringBuilder s = new StringBuilder("Strategies (--strategy NAME or a group; 'all' runs them in this order;")
                    .append(NL).append("'lockdemo strategies' describes each one):").append(NL);
            List<Framework> groups = java.util.Arrays.stream(Framework.values())
                    .filter(f -> !StrategyKind.of(f).isEmpty()).toList();
            int width = labelWidth(groups.size(), i -> groups.get(i).id());
            for (Framework f : groups) {
                String ids = String.join(", ", StrategyKind.of(f).stream().map(StrategyKind::id).toList());
                s.append(item(f.id(), width, f.displayName() + ": " + ids, cl.getUsageHelpWidth()));
            }
            return s.append(NL).toString();
        });
        insertAfter(cl, UsageMessageSpec.SECTION_KEY_DESCRIPTION, STRATEGIES);
    }

    /**
     * Lists the exit codes the command uses, each with what it means there, after the examples. The
     * same list goes into the spec's exit-code list, where picocli's man-page generator reads it;
     * picocli's own rendering of that list is left out of {@code --help}, which shows this one.
     */
    static void exitCodes(CommandLine cl, List<ExitCode.Use> uses) {
        Map<String, String> list = new LinkedHashMap<>();
        uses.forEach(u -> list.put(Integer.toString(u.code().code()), u.text()));
        cl.getCommandSpec().usageMessage().exitCodeListHeading("Exit codes").exitCodeList(list);
        cl.getHelpSectionMap().put(EXIT_CODES, help -> {
            StringBuilder s = new StringBuilder(NL).append("Exit codes:").append(NL);
            for (ExitCode.Use u : uses) {
                s.append(item(Integer.toString(u.code().code()), 4, u.text(), cl.getUsageHelpWidth()));
            }
            return s.toString();
        });
        insertAfter(cl, UsageMessageSpec.SECTION_KEY_FOOTER, EXIT_CODES);
        List<String> keys = new ArrayList<>(cl.getHelpSectionKeys());
        keys.removeAll(List.of(UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING, UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST));
        cl.setHelpSectionKeys(keys);
    }

    private static void insertAfter(CommandLine cl, String existing, String key) {
        List<String> keys = new ArrayList<>(cl.getHelpSectionKeys());
        keys.remove(key);
        keys.add(keys.indexOf(existing) + 1, key);
        cl.setHelpSectionKeys(keys);
    }

    private static int labelWidth(int n, java.util.function.IntFunction<String> label) {
        int w = 0;
        for (int i = 0; i < n; i++) {
            w = Math.max(w, label.apply(i).length());
        }
        return w;
    }

    /** "  label   text", the text wrapped at {@code width} with its continuation lines under its start. */
    static String item(String label, int labelWidth, String text, int width) {
        String indent = " ".repeat(2 + labelWidth + 1);
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder("  ").append(label).append(" ".repeat(labelWidth - label.length() + 1));
        boolean empty = true;
        for (String word : text.split(" ")) {
            if (!empty && line.length() + 1 + word.length() > width) {
                out.append(line).append(NL);
                line = new StringBuilder(indent);
                empty = true;
            }
            line.append(empty ? "" : " ").append(word);
            empty = false;
        }
        return out.append(line).append(NL).toString();
    }
}
