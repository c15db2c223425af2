package io.devopscli.cli;

/**
 * The jar's Main-Class (bin/devops-cli names it too): a bare --help is answered from the pre-rendered
 * text before Main is loaded, since linking Main loads picocli classes, which the class-data-sharing
 * archive cannot hold, and those open the 97 MB jar (PrerenderedHelp). Everything else goes to Main.
 */
public final class EntryPoint {
    private EntryPoint() {
    }

    public static void main(String[] args) {
        if (PrerenderedHelp.print(args, System.out)) {
            System.exit(ExitCodes.OK);
        }
        Main.main(args);
    }
}
