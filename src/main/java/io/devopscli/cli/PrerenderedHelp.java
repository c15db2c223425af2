package io.devopscli.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `devops-cli --help` (-h, help) from the text `make build` rendered with picocli (target/devops-cli.help, written by
 * TopLevelHelp.main, passed by bin/devops-cli as -Ddevopscli.help.file when newer than the jar), printed
 * without loading picocli: picocli's classes are Java 5 class files the class-data-sharing archive cannot
 * hold, so loading them is most of what --help cost. Touches no picocli and no SDK class.
 *
 * The text is the same only where picocli would choose the same colours and width, so this decides both
 * as picocli 4.7 does for Help.Ansi.AUTO with auto width (Ansi.ansiPossible, UsageMessageSpec.width): on
 * a terminal (System.console()) colours unless NO_COLOR or CLICOLOR=0, and the width `stty -a -F
 * /dev/tty` reports (`tput cols` on a Mac), at least 55; elsewhere no colours unless CLICOLOR_FORCE, and
 * 80 columns. Anything it does not mirror (Windows, a picocli.* system property, a line separator other
 * than \n, a width the file has no text for) answers false, and the caller lets picocli render.
 * PrerenderedHelpTest holds the file's text and these choices to picocli's own (and so catches a picocli
 * upgrade that decides otherwise).
 */
public final class PrerenderedHelp {
    /** The system property bin/devops-cli names the file with. */
    static final String FILE_PROPERTY = "devopscli.help.file";
    /** First line of the file; TopLevelHelp writes it. */
    static final String MAGIC = "devops-cli top-level help v1";
    /** Picocli's usage width when none is detected, and the least it uses when one is. */
    static final int DEFAULT_WIDTH = 80;
    static final int MIN_WIDTH = 55;

    private PrerenderedHelp() {
    }

    /**
     * Exactly `--help`, `-h` or `help` and nothing else: the invocations that print the top-level help
     * (picocli's help command without a subcommand prints its parent's usage, the same text).
     */
    static boolean asked(String... args) {
        return args.length == 1 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"));
    }

    /** Prints the pre-rendered help when args ask for it and it is what picocli would print; else false. */
    static boolean print(String[] args, PrintStream out) {
        if (!asked(args)) {
            return false;
        }
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null || !mirrorsPicocli()) {
            return false;
        }
        String text;
        try {
            boolean tty = isTty();
            String content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            text = lookup(content, colours(tty, System.getenv()), tty ? terminalWidth() : DEFAULT_WIDTH);
        } catch (IOException | RuntimeException unreadable) {
            return false; // picocli renders it, as without the file
        }
        if (text == null) {
            return false;
        }
        // through a PrintWriter as Main.run gives picocli one: same charset; a failed write is ignored as there
        PrintWriter writer = new PrintWriter(out, true);
        writer.print(text);
        writer.flush();
        return true;
    }

    /** What picocli's choices here depend on and this class does not mirror is absent. */
    static boolean mirrorsPicocli() {
        if (System.getProperty("os.name", "").toLowerCase().contains("win") || !System.lineSeparator().equals("\n")) {
            return false;
        }
        for (Object key : System.getProperties().keySet()) {
            if (key.toString().startsWith("picocli.")) {
                return false; // picocli.ansi, picocli.usage.width, picocli.trace, ...
            }
        }
        return true;
    }

    /** Picocli's Ansi.AUTO outside Windows: the environment first, then whether there is a terminal. */
    static boolean colours(boolean tty, Map<String, String> env) {
        if (env.get("NO_COLOR") != null) {
            return false;
        }
        String force = env.get("CLICOLOR_FORCE");
        if (force != null && !force.equals("0")) {
            return true;
        }
        if ("0".equals(env.get("CLICOLOR")) || "OFF".equals(env.get("ConEmuANSI"))) {
            return false;
        }
        return tty;
    }

    /** Picocli's Ansi.isTTY: a console, and on Java 22+ one that is a terminal. */
    static boolean isTty() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException beforeJava22) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true; // picocli counts any failure here as a terminal
        }
    }

    /** The width picocli's auto width gives on a terminal: the command's answer, at least 55, else 80. */
    static int terminalWidth() {
        return terminalWidth(ProcessBuilder.Redirect.INHERIT); // picocli lets the command's errors show
    }

    /** The same, with the command's errors sent there (ClassArchiveTraining discards them). */
    static int terminalWidth(ProcessBuilder.Redirect errors) {
        boolean mac = System.getProperty("os.name", "").toLowerCase().contains("mac");
        String[] command = mac ? new String[] {"tput", "cols"} : new String[] {"stty", "-a", "-F", "/dev/tty"};
        int columns = -1;
        Process process = null;
        try {
            process = new ProcessBuilder(command).redirectError(errors).start();
            // picocli gives the command 2 s, then prints at the default width
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                columns = columns(new String(readAll(process.getInputStream()), java.nio.charset.Charset.defaultCharset()), mac);
            }
        } catch (IOException e) {
            columns = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (process != null) {
                process.destroy();
            }
        }
        return columns < 0 ? DEFAULT_WIDTH : Math.max(columns, MIN_WIDTH);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    /** The columns in stty's (or tput's) output, parsed as picocli does (its lines joined); -1 if none. */
    static int columns(String output, boolean mac) {
        String joined = String.join("", output.lines().toList());
        Pattern pattern = mac ? Pattern.compile("(\\s*)(\\d+)\\s*") : Pattern.compile(".*olumns(:)?\\s+(\\d+)\\D.*", Pattern.DOTALL);
        Matcher m = pattern.matcher(joined);
        if (!m.matches()) {
            return -1;
        }
        try {
            return Integer.parseInt(m.group(2));
        } catch (NumberFormatException tooLong) {
            return -1;
        }
    }

    /**
     * The text for these colours and this width in the file's content, or null when it has none. The
     * content is the MAGIC line, then sections: a line `ansi|plain FROM TO CHARS`, then CHARS characters of
     * help, for every width from FROM to TO.
     */
    static String lookup(String content, boolean ansi, int width) {
        if (!content.startsWith(MAGIC + "\n")) {
            return null;
        }
        int at = MAGIC.length() + 1;
        while (at < content.length()) {
            int end = content.indexOf('\n', at);
            if (end < 0) {
                return null;
            }
            String[] header = content.substring(at, end).split(" ");
            if (header.length != 4) {
                return null;
            }
            int from = Integer.parseInt(header[1]);
            int to = Integer.parseInt(header[2]);
            int chars = Integer.parseInt(header[3]);
            int start = end + 1;
            if (start + chars > content.length()) {
                return null;
            }
            if (header[0].equals(ansi ? "ansi" : "plain") && from <= width && width <= to) {
                return content.substring(start, start + chars);
            }
            at = start + chars;
        }
        return null;
    }

    /** Section header for lookup, written by TopLevelHelp. */
    static String section(boolean ansi, int from, int to, String text) {
        return (ansi ? "ansi" : "plain") + " " + from + " " + to + " " + text.length() + "\n" + text;
    }

}
