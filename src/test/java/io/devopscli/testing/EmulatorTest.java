package io.devopscli.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that needs the AWS emulator (testing/Emulator, or the CLI run against an endpoint). The tag
 * sends it to maven-failsafe in `mvn verify` (integration-test phase) and keeps it out of surefire, so
 * `mvn test` needs no emulator. Without an endpoint the class fails before its first test, saying how to
 * start one: an emulator test is never skipped.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag(EmulatorTest.TAG)
@ExtendWith(EmulatorRequired.class)
public @interface EmulatorTest {
    /** The JUnit tag pom.xml selects on (failsafe's groups, surefire's excludedGroups). */
    String TAG = "emulator";
}
