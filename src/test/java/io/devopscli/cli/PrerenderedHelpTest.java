package io.devopscli.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The pre-rendered `--help` is what picocli prints, byte for byte, wherever it is taken. The file's texts
 * are compared with picocli's rendering of the full model at every width; the choice of text (colours,
 * width) with picocli's own choice in child JVMs, off and on a terminal (util-linux `script` makes the
 * pseudo-terminal, `stty cols` its width), under the environment variables picocli reads. A file whose
 * texts are tags shows which text the fast path chose, or that it left the help to picocli.
 */
class PrerenderedHelpTest {
    /** Colour and width variables picocli reads; removed from every child so the host's do not leak in. */
    private static final List<String> COLOUR_VARIABLES = List.of("NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE",
            "ConEmuANSI", "ANSICON");

    @TempDir
    static Path dir;
    private static Path realFile;
    private static Path taggedFile;

    @BeforeAll
    static void writeFiles() throws IOException {
        realFile = dir.resolve("devops-cli.help");
        TopLevelHelp.main(new String[] {realFile.toString()});
        // the same sections, each text replaced by its own header: the output names the section taken
        String content = Files.readString(realFile, StandardCharsets.UTF_8);
        StringBuilder tagged = new StringBuilder(PrerenderedHelp.MAGIC).append('\n');
        for (String[] section : sections(content)) {
            boolean ansi = section[0].equals("ansi");
            tagged.append(PrerenderedHelp.section(ansi, Integer.parseInt(section[1]), Integer.parseInt(section[2]),
                    tag(ansi, Integer.parseInt(section[1]), Integer.parseInt(section[2]))));
        }
        taggedFile = dir.resolve("tagged.help");
        Files.writeString(taggedFile, tagged, StandardCharsets.UTF_8);
    }

    @Test
    void theFileHoldsPicocliRenderingOfTheFullModelAtEveryWidth() throws IOException {
        String content = Files.readString(realFile, StandardCharsets.UTF_8);
        for (boolean ansi : new boolean[] {false, true}) {
            CommandLine full = fullModel(ansi);
            for (int width = PrerenderedHelp.MIN_WIDTH; width <= TopLevelHelp.WIDEST; width++) {
                String live = full.setUsageHelpWidth(width).getUsageMessage();
                assertEquals(live, PrerenderedHelp.lookup(content, ansi, width), "ansi " + ansi + ", width " + width);
            }
            assertNull(PrerenderedHelp.lookup(content, ansi, PrerenderedHelp.MIN_WIDTH - 1));
            assertNull(PrerenderedHelp.lookup(content, ansi, TopLevelHelp.WIDEST + 1), "picocli renders wider ones");
        }
        assertTrue(PrerenderedHelp.lookup(content, true, 80).contains("\u001B["), "the colour texts have colours");
        assertFalse(PrerenderedHelp.lookup(content, false, 80).contains("\u001B["));
    }

    @Test
    void aBrokenFileIsNoText() {
        assertNull(PrerenderedHelp.lookup("something else\nplain 55 1000 3\nabc", false, 80));
        assertNull(PrerenderedHelp.lookup(PrerenderedHelp.MAGIC + "\nplain 55 1000 30\nabc", false, 80), "cut short");
        assertEquals("abc", PrerenderedHelp.lookup(PrerenderedHelp.MAGIC + "\nplain 55 1000 3\nabc", false, 80));
    }

    @Test
    void columnsAreParsedAsPicocliParsesThem() {
        assertEquals(132, PrerenderedHelp.columns("speed 38400 baud; rows 40; columns 132; line = 0;\n"
                + "intr = ^C; quit = ^\\; erase = ^?;\n", false));
        assertEquals(90, PrerenderedHelp.columns("speed 9600 baud; 40 rows; columns: 90;\n", false));
        assertEquals(-1, PrerenderedHelp.columns("stty: /dev/tty: No such device or address\n", false));
        assertEquals(132, PrerenderedHelp.columns("132\n", true));
        assertEquals(-1, PrerenderedHelp.columns("", true));
    }

    @Test
    void offATerminalColoursOnlyWhenForced() throws Exception {
        expect(Map.of(), false, 80, false, 80);
        expect(Map.of("CLICOLOR_FORCE", "1"), false, 80, true, 80);
        expect(Map.of("CLICOLOR_FORCE", "0"), false, 80, false, 80);
        expect(Map.of("CLICOLOR_FORCE", "1", "NO_COLOR", "1"), false, 80, false, 80);
    }

    @Test
    void onATerminalColoursAndItsWidth() throws Exception {
        expect(Map.of(), true, 100, true, 100);
        expect(Map.of(), true, 40, true, PrerenderedHelp.MIN_WIDTH);
        expect(Map.of("NO_COLOR", "1"), true, 60, false, 60);
        expect(Map.of("CLICOLOR", "0"), true, 120, false, 120);
        expect(Map.of("ConEmuANSI", "OFF"), true, 70, false, 70);
    }

    @Test
    void whatItDoesNotMirrorIsLeftToPicocli() throws Exception {
        for (String property : List.of("-Dpicocli.ansi=true", "-Dpicocli.usage.width=100")) {
            Run picocli = run(List.of(property), Map.of(), false, 80, Main.class, null);
            Run fast = run(List.of(property), Map.of(), false, 80, EntryPoint.class, taggedFile);
            assertEquals(picocli, fast, property);
            assertFalse(fast.out.startsWith("tag "), property);
        }
        // wider than the file goes
        Run wide = run(List.of(), Map.of(), true, TopLevelHelp.WIDEST + 1, EntryPoint.class, taggedFile);
        assertEquals(render(true, TopLevelHelp.WIDEST + 1), wide.out);
        // no file, or one that is not there
        assertEquals(render(false, 80), run(List.of(), Map.of(), false, 80, EntryPoint.class, null).out);
        assertEquals(render(false, 80), run(List.of(), Map.of(), false, 80, EntryPoint.class, dir.resolve("gone")).out);
    }

    @Test
    void onlyABareHelpIsAnsweredFromTheFile() throws Exception {
        for (String asked : List.of("-h", "help")) {
            assertEquals(new Run(0, tag(false, 80), ""), run(List.of(), Map.of(), false, 80, EntryPoint.class, taggedFile, asked));
        }
        Run sub = run(List.of(), Map.of(), false, 80, EntryPoint.class, taggedFile, "up", "--help");
        assertTrue(sub.out.contains("Usage: devops-cli up"), sub.toString());
        // picocli prints the top-level help for this too, from the full model
        Run more = run(List.of(), Map.of(), false, 80, EntryPoint.class, taggedFile, "--help", "up");
        assertEquals(new Run(0, render(false, 80), ""), more);
        assertFalse(PrerenderedHelp.asked("--help", "up"));
        assertFalse(PrerenderedHelp.asked());
        assertFalse(PrerenderedHelp.asked("help", "up"));
    }

    /**
     * In this environment picocli prints the help with these colours at this width, and so does the fast
     * path, from the file's text for them (the tag), and from the real file byte for byte.
     */
    private static void expect(Map<String, String> env, boolean tty, int columns, boolean ansi, int width) throws Exception {
        String how = env + (tty ? " on a terminal of " + columns : " off a terminal");
        String expected = render(ansi, width);
        assertEquals(new Run(0, expected, ""), run(List.of(), env, tty, columns, Main.class, null), "picocli, " + how);
        Run chosen = run(List.of(), env, tty, columns, EntryPoint.class, taggedFile);
        assertEquals(new Run(0, tag(ansi, width), ""), chosen, "the section chosen, " + how);
        assertEquals(new Run(0, expected, ""), run(List.of(), env, tty, columns, EntryPoint.class, realFile), how);
    }

    private static String render(boolean ansi, int width) {
        return fullModel(ansi).setUsageHelpWidth(width).getUsageMessage();
    }

    private static CommandLine fullModel(boolean ansi) {
        return new CommandLine(new DevopsCli()).setUsageHelpAutoWidth(false).setColorScheme(
                CommandLine.Help.defaultColorScheme(ansi ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    }

    /** The tag of the tagged file's section that holds this width. */
    private static String tag(boolean ansi, int width) throws IOException {
        for (String[] section : sections(Files.readString(realFile, StandardCharsets.UTF_8))) {
            int from = Integer.parseInt(section[1]);
            int to = Integer.parseInt(section[2]);
            if (section[0].equals(ansi ? "ansi" : "plain") && from <= width && width <= to) {
                return tag(ansi, from, to);
            }
        }
        throw new AssertionError("no section for " + width);
    }

    private static String tag(boolean ansi, int from, int to) {
        return "tag " + (ansi ? "ansi" : "plain") + " " + from + "-" + to + "\n";
    }

    /** The headers of the file's sections, as {mode, from, to}. */
    private static List<String[]> sections(String content) {
        List<String[]> sections = new ArrayList<>();
        int at = PrerenderedHelp.MAGIC.length() + 1;
        while (at < content.length()) {
            int end = content.indexOf('\n', at);
            String[] header = content.substring(at, end).split(" ");
            sections.add(header);
            at = end + 1 + Integer.parseInt(header[3]);
        }
        assertTrue(sections.size() >= 2, "a plain and a colour section at least");
        return sections;
    }

    private record Run(int code, String out, String err) {
    }

    /**
     * A child JVM running mainClass with these arguments (--help by default), the file passed as
     * bin/devops-cli passes it, in this environment; on a terminal `columns` wide when tty (a terminal
     * turns \n into \r\n on the way out, turned back here; its stderr is its stdout).
     */
    private static Run run(List<String> jvmOptions, Map<String, String> env, boolean tty, int columns,
            Class<?> mainClass, Path file, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        if (file != null) {
            command.add("-D" + PrerenderedHelp.FILE_PROPERTY + "=" + file);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(args.length == 0 ? List.of("--help") : List.of(args));
        ProcessBuilder builder;
        if (tty) {
            StringBuilder shell = new StringBuilder("stty cols " + columns + " && exec");
            for (String part : command) {
                shell.append(" '").append(part.replace("'", "'\\''")).append('\'');
            }
            builder = new ProcessBuilder("script", "-qefc", shell.toString(), "/dev/null").redirectErrorStream(true);
        } else {
            builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        COLOUR_VARIABLES.forEach(builder.environment()::remove);
        builder.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(tty ? ProcessBuilder.Redirect.DISCARD
                : ProcessBuilder.Redirect.to(err.toFile())).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after 60 s: " + command);
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        return new Run(process.exitValue(), tty ? stdout.replace("\r\n", "\n") : stdout, Files.readString(err, StandardCharsets.UTF_8));
    }
}
