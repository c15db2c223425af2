package io.devopscli.replication;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.ignore.IgnoreNode;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * Writes a directory as a git tree into a repository's object store, the way `git add -A` would see it
 * with that directory as the work tree: files ignored by the .gitignore files inside it are left out, and
 * so are build output (target/) and any nested .git. Executable files keep their mode; symbolic links
 * are stored as links. Returns the tree id, which is the same for the same content: that is how push
 * knows there is nothing new to commit.
 */
public final class SourceTree {
    /** Never pushed, whatever .gitignore says: Maven's build output and git's own metadata. */
    private static final List<String> ALWAYS_IGNORED = List.of("target/", ".git/");

    private final ObjectInserter inserter;
    private int files;

    private SourceTree(ObjectInserter inserter) {
        this.inserter = inserter;
    }

    /** The tree of dir and how many files it holds. */
    public record Written(ObjectId tree, int files) {}

    public static Written write(ObjectInserter inserter, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory");
        }
        SourceTree writer = new SourceTree(inserter);
        List<IgnoreNode> rules = new ArrayList<>();
        rules.add(new IgnoreNode(ALWAYS_IGNORED.stream().map(org.eclipse.jgit.ignore.FastIgnoreRule::new).toList()));
        ObjectId tree = writer.tree(dir, "", rules);
        return new Written(tree, writer.files);
    }

    private ObjectId tree(Path dir, String prefix, List<IgnoreNode> inherited) throws IOException {
        List<IgnoreNode> rules = new ArrayList<>(inherited);
        Path gitignore = dir.resolve(Constants.GITIGNORE_FILENAME);
        if (Files.isRegularFile(gitignore)) {
            IgnoreNode node = new IgnoreNode();
            try (InputStream in = Files.newInputStream(gitignore)) {
                node.parse(in);
            }
            rules.add(new Scoped(node, prefix));
        }
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            // git sorts tree entries by name, with directories compared as if they ended in '/'
            children = list.sorted((a, b) -> gitName(a).compareTo(gitName(b))).toList();
        }
        TreeFormatter formatter = new TreeFormatter();
        boolean empty = true;
        for (Path child : children) {
            String name = child.getFileName().toString();
            boolean directory = Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
            String path = prefix + name;
            if (ignored(rules, path, directory)) {
                continue;
            }
            if (Files.isSymbolicLink(child)) {
                byte[] target = Constants.encode(Files.readSymbolicLink(child).toString());
                formatter.append(name, FileMode.SYMLINK, inserter.insert(Constants.OBJ_BLOB, target));
                files++;
            } else if (directory) {
                ObjectId sub = tree(child, path + "/", rules);
                if (sub != null) { // git stores no empty directories
                    formatter.append(name, FileMode.TREE, sub);
                } else {
                    continue;
                }
            } else {
                FileMode mode = Files.isExecutable(child) ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE;
                formatter.append(name, mode, inserter.insert(Constants.OBJ_BLOB, Files.readAllBytes(child)));
                files++;
            }
            empty = false;
        }
        return empty ? null : inserter.insert(formatter);
    }

    private static String gitName(Path p) {
        String name = p.getFileName().toString();
        return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? name + "/" : name;
    }

    /** The last rule that matches decides, deeper .gitignore files over shallower ones, as in git. */
    private static boolean ignored(List<IgnoreNode> rules, String path, boolean directory) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            Boolean verdict = rules.get(i).checkIgnored(path, directory);
            if (verdict != null) {
                return verdict;
            }
        }
        return false;
    }

    /** A nested .gitignore: its patterns are relative to its own directory. */
    private static final class Scoped extends IgnoreNode {
        private final IgnoreNode node;
        private final String prefix;

        Scoped(IgnoreNode node, String prefix) {
            this.node = node;
            this.prefix = prefix;
        }

        @Override
        public Boolean checkIgnored(String path, boolean directory) {
            if (!path.startsWith(prefix)) {
                return null;
            }
            return node.checkIgnored(path.substring(prefix.length()), directory);
        }
    }
}
