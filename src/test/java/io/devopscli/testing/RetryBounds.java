package io.devopscli.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Short AwsCall retries for a test class, so a failing case fails in seconds: CallSettings installed on
 * the test thread for the whole class (construction included). Sessions opened on that thread take them
 * (ClientSettings.resolve, the in-process CLI), and so do calls through clients of no session (scripted
 * ones). They are the class's own: another class, or another session in the JVM, never sees them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RetryBoundsExtension.class)
public @interface RetryBounds {
    /** How long a retryable failure is retried, in milliseconds. */
    long boundMillis();

    /** The first wait between retries, in milliseconds (it doubles). */
    long firstDelayMillis();
}
