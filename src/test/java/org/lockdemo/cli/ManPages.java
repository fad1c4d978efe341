package org.lockdemo.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes lockdemo's man-page sources: one AsciiDoc file per documented command, written by
 * picocli-codegen's {@link ManPageGenerator} from the very command line {@code Main} runs
 * ({@link Cli#create}), so a page says what {@code --help} says: description, options, examples,
 * exit codes. The build runs it in {@code prepare-package} and Asciidoctor turns the files into
 * roff in {@code target/man}. Build-time only: it lives with the tests, so neither it nor
 * picocli-codegen is in the jar. Stateless.
 *
 * <p>The generator knows picocli's standard sections only; a section {@link HelpSections} adds
 * before the options (race's strategies) is added here, after the description, as the
 * preformatted text {@code --help} prints. The exit codes it reads from the spec's exit-code list,
 * which {@link HelpSections#exitCodes} fills.
 */
public final class ManPages {
    /** The width the added sections are wrapped at: a man page indents them by about 7 columns. */
    private static final int ADDED_SECTION_WIDTH = 72;
    private static final String DESCRIPTION_END = "// end::picocli-generated-man-section-description[]";
    private static final Pattern HEADING = Pattern.compile("(?m)^==\\s+(.*?):?[ \\t]*$");

    private ManPages() {
    }

    /** {@code ManPages DIR}: writes the pages into DIR (created if missing). */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ManPages OUTPUT_DIR (got " + args.length + " arguments)");
        }
        write(Path.of(args[0]));
    }

    /** Writes a page for each of {@link #documented} into {@code dir}; returns the files, in that order. */
    static List<Path> write(Path dir) throws IOException {
        if (Files.isDirectory(dir)) { // a command removed since the last build leaves no page behind
            try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "*.adoc")) {
                for (Path p : old) {
                    Files.delete(p);
                }
            }
        }
        CommandLine cl = commandLine();
        int code = ManPageGenerator.generateManPage(dir.toFile(), null, new boolean[0], false, cl.getCommandSpec());
        if (code != 0) {
            throw new IOException("picocli's ManPageGenerator failed with exit code " + code + " writing into " + dir);
        }
        List<Path> pages = new ArrayList<>();
        for (CommandLine c : documented(cl)) {
            Path page = dir.resolve(fileName(c.getCommandSpec()));
            if (!Files.isRegularFile(page)) {
                throw new IOException("picocli's ManPageGenerator wrote no " + page);
            }
            edit(c, page);
            pages.add(page);
        }
        return pages;
    }

    /** lockdemo's command line as {@code Main} builds it; the help does not depend on the environment. */
    static CommandLine commandLine() {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        return Cli.create(Map.of(), new ShutdownGuard(), nowhere, nowhere);
    }

    /**
     * {@code cl} and its subcommands, depth first, as the generator walks them: all but the hidden
     * ones ({@code matrix-summary} is a helper of scripts/matrix.sh, not in {@code --help} either).
     */
    static List<CommandLine> documented(CommandLine cl) {
        List<CommandLine> out = new ArrayList<>();
        out.add(cl);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                out.addAll(documented(sub));
            }
        }
        return out;
    }

    /** The generator's file name: {@code lockdemo-race.adoc}; Asciidoctor makes it {@code lockdemo-race.1}. */
    static String fileName(CommandSpec spec) {
        return spec.qualifiedName("-") + ".adoc";
    }

    /** The help sections of {@code cl} that are neither picocli's own nor the exit codes. */
    static List<String> addedSectionKeys(CommandLine cl) {
        List<String> keys = new ArrayList<>(cl.getHelpSectionKeys());
        keys.removeAll(CommandSpec.create().usageMessage().sectionKeys()); // picocli's defaults
        keys.remove(HelpSections.EXIT_CODES);
        keys.removeIf(k -> !cl.getHelpSectionMap().containsKey(k));
        return keys;
    }

    /** Adds the sections the generator does not know, and writes "Examples:" as a heading. */
    private static void edit(CommandLine cl, Path page) throws IOException {
        String adoc = Files.readString(page, StandardCharsets.UTF_8);
        int at = adoc.indexOf(DESCRIPTION_END);
        if (at < 0) {
            throw new IOException(page + " has no '" + DESCRIPTION_END + "' (has picocli-codegen changed its format?)");
        }
        adoc = adoc.substring(0, at) + addedSections(cl) + adoc.substring(at);
        // the generator keeps the help's heading as it is, "Examples:" (a man page's are "EXAMPLES")
        adoc = HEADING.matcher(adoc).replaceAll("== $1");
        Files.writeString(page, adoc, StandardCharsets.UTF_8);
    }

    private static String addedSections(CommandLine cl) {
        StringBuilder added = new StringBuilder();
        int width = cl.getUsageHelpWidth();
        cl.setUsageHelpWidth(ADDED_SECTION_WIDTH);
        try {
            for (String key : addedSectionKeys(cl)) {
                String text = cl.getHelpSectionMap().get(key).render(cl.getHelp()).strip();
                added.append("== ").append(title(text)).append("\n\n....\n").append(text).append("\n....\n\n");
            }
        } finally {
            cl.setUsageHelpWidth(width);
        }
        return added.toString();
    }

    /** "Strategies" of "Strategies (--strategy NAME or a group, ...". */
    private static String title(String text) {
        String first = text.lines().findFirst().orElse("");
        int end = first.indexOf(" (");
        return (end > 0 ? first.substring(0, end) : first).replaceAll(":$", "");
    }
}
