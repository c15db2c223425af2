package io.devopscli.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.AwsErrors;
import io.devopscli.aws.AwsFailure;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A bug in the tool is 70 with one line and where the stack trace is; an AWS failure stays 1. */
class UnexpectedErrorTest {

    private static String[] handled(Exception e, boolean verbose, int[] code) {
        StringWriter text = new StringWriter();
        code[0] = Main.handle(e, new PrintWriter(text, true), verbose);
        return text.toString().strip().split("\n");
    }

    @Test
    void aBugExits70WithOneLineAndTheHint() {
        int[] code = new int[1];
        String[] lines = handled(new NullPointerException("spec is null"), false, code);
        assertEquals(ExitCodes.SOFTWARE, code[0]);
        assertEquals(2, lines.length, String.join("\n", lines));
        assertEquals("devops-cli: internal error: NullPointerException: spec is null", lines[0]);
        assertTrue(lines[1].contains("run with -v for the stack trace"), lines[1]);
    }

    @Test
    void verboseShowsTheStackTrace() {
        int[] code = new int[1];
        String[] lines = handled(new IllegalStateException("boom"), true, code);
        assertEquals(70, code[0]);
        assertTrue(lines.length > 2 && lines[2].contains("\tat ") || String.join("\n", lines).contains("\tat "));
    }

    @Test
    void anAwsFailureIsStillOne() {
        int[] code = new int[1];
        String[] lines = handled(new AwsFailure(AwsErrors.Kind.TERMINAL, "X", "cannot reach http://x: connection refused",
                null), false, code);
        assertEquals(ExitCodes.AWS_FAILED, code[0]);
        assertEquals(1, lines.length);
        assertFalse(lines[0].contains("internal error"));
    }
}
