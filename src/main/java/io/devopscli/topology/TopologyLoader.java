package io.devopscli.topology;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a topology file into a validated {@link Topology}, or throws {@link InvalidTopologyException} with
 * every problem found, each with its line and column. YAML is composed into nodes (never constructed into
 * objects), so positions survive and no type in the file can instantiate anything.
 */
public final class TopologyLoader {
    /** A topology is a few kilobytes; this leaves ample room and bounds memory. */
    static final int MAX_CODE_POINTS = 1_000_000;
    /** Aliases to collections allowed per document: enough for sharing, too few for a "billion laughs". */
    static final int MAX_ALIASES = 50;
    /** A topology nests four or five levels; this bounds the composer's recursion (deep `[[[[...` input). */
    static final int MAX_DEPTH = 64;

    private TopologyLoader() {}

    public static Topology load(Path file) {
        Problems problems = new Problems(file.toString());
        String yaml = read(file, problems);
        problems.throwIfAny();
        return parse(yaml, file.toString());
    }

    public static Topology parse(String yaml, String sourceName) {
        Problems problems = new Problems(sourceName);
        if (yaml.codePointCount(0, yaml.length()) > MAX_CODE_POINTS) {
            problems.wholeFile("document too large; a topology is at most " + MAX_CODE_POINTS + " characters");
            problems.throwIfAny();
        }
        Optional<Node> root = compose(yaml, sourceName, problems);
        problems.throwIfAny();
        if (root.isEmpty()) {
            problems.at(Optional.empty(), "the document is empty; expected a mapping with "
                    + String.join(", ", TopologyReader.KEYS));
            problems.throwIfAny();
        }
        Topology topology = new TopologyReader(problems).read(root.get());
        problems.throwIfAny();
        return topology;
    }

    private static Optional<Node> compose(String yaml, String sourceName, Problems problems) {
        LoadSettings settings = settings(sourceName);
        try {
            Optional<Mark> tooDeep = tooDeep(yaml, settings);
            if (tooDeep.isPresent()) {
                problems.at(tooDeep, "nesting too deep: more than " + MAX_DEPTH + " levels of lists or mappings"
                        + " (a topology needs five)");
                return Optional.empty();
            }
            return new Compose(settings).composeString(yaml);
        } catch (MarkedYamlEngineException e) {
            problems.at(e.getProblemMark().or(e::getContextMark), yamlProblem(e));
        } catch (YamlEngineException e) {
            Optional<Mark> alias = AliasCounter.firstBeyondLimit(yaml, settings);
            if (alias.isPresent()) {
                problems.at(alias, "too many aliases: more than " + MAX_ALIASES + " references to anchored lists or"
                        + " mappings (a topology needs few; this looks like an alias bomb)");
            } else {
                problems.at(Optional.empty(), "invalid YAML: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * Where lists and mappings nest deeper than MAX_DEPTH, found from the parser's events (the parser keeps
     * its own stack; the composer recurses, and would overflow the thread's stack on deep input).
     */
    private static Optional<Mark> tooDeep(String yaml, LoadSettings settings) {
        int depth = 0;
        for (Event e : new Parse(settings).parseString(yaml)) {
            switch (e.getEventId()) {
                case SequenceStart, MappingStart -> {
                    if (++depth > MAX_DEPTH) {
                        return e.getStartMark();
                    }
                }
                case SequenceEnd, MappingEnd -> depth--;
                default -> { }
            }
        }
        return Optional.empty();
    }

    /** snakeyaml's message repeats the position and a snippet; keep the words. */
    private static String yamlProblem(MarkedYamlEngineException e) {
        String context = e.getContext() == null || e.getContext().isBlank() ? "" : e.getContext() + ": ";
        return "invalid YAML: " + context + e.getProblem();
    }

    private static LoadSettings settings(String sourceName) {
        return LoadSettings.builder()
                .setLabel(sourceName)
                .setSchema(new CoreSchema())
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit(MAX_CODE_POINTS)
                .build();
    }

    /** The file's text, or null with a problem recorded. */
    private static String read(Path file, Problems problems) {
        try {
            // checked before reading so that a huge file is never loaded into memory
            if (Files.isRegularFile(file) && Files.size(file) > 4L * MAX_CODE_POINTS) {
                problems.wholeFile("file too large (" + Files.size(file) + " bytes); a topology is at most "
                        + MAX_CODE_POINTS + " characters");
                return null;
            }
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            problems.wholeFile("no such file");
        } catch (CharacterCodingException e) {
            problems.wholeFile("not valid UTF-8 text");
        } catch (IOException e) {
            problems.wholeFile("cannot read: " + e.getMessage());
        }
        return null;
    }
}
