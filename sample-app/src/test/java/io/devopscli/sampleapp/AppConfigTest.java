package io.devopscli.sampleapp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppConfigTest {

    @Test
    void emptyEnvironmentGivesEveryDefault() throws Exception {
        AppConfig c = AppConfig.fromEnv(Map.of());
        assertEquals(new AppConfig("app", 8080, "/health", "local", "local", "dev"), c);
    }

    @Test
    void everyVariableIsRead() throws Exception {
        AppConfig c = AppConfig.fromEnv(Map.of(
                "APP_NAME", "orders",
                "APP_PORT", "9090",
                "HEALTH_CHECK_PATH", "/ready",
                "AWS_REGION", "us-east-2",
                "APP_ENVIRONMENT", "production",
                "APP_VERSION", "3f2a9c1"));
        assertEquals(new AppConfig("orders", 9090, "/ready", "us-east-2", "production", "3f2a9c1"), c);
    }

    @Test
    void blankValuesMeanDefaultAndValuesAreTrimmed() throws Exception {
        AppConfig c = AppConfig.fromEnv(Map.of(
                "APP_NAME", "",
                "APP_PORT", "  ",
                "HEALTH_CHECK_PATH", "",
                "AWS_REGION", " eu-west-1 ",
                "APP_VERSION", "\t"));
        assertEquals(new AppConfig("app", 8080, "/health", "eu-west-1", "local", "dev"), c);
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "80, 80", "65535, 65535", "08080, 8080", "' 8081 ', 8081"})
    void validPorts(String raw, int expected) throws Exception {
        assertEquals(expected, AppConfig.fromEnv(Map.of("APP_PORT", raw)).port());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "65536", "99999", "123456", "-1", "+80", "80.5", "8080x", "0x50", "１２３"})
    void invalidPortIsRejectedWithAClearMessage(String raw) {
        AppConfig.InvalidConfigException e = assertThrows(AppConfig.InvalidConfigException.class,
                () -> AppConfig.fromEnv(Map.of("APP_PORT", raw)));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("APP_PORT must be a port number from 1 to 65535, got "),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/health", "/api/v1/health", "/health-check_2.json", "/a~b"})
    void validHealthCheckPaths(String path) throws Exception {
        assertEquals(path, AppConfig.fromEnv(Map.of("HEALTH_CHECK_PATH", path)).healthCheckPath());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "health          | must start with '/'",
            "health/         | must start with '/'",
            "http://x/health | must start with '/'",
            "/he alth        | must be a plain path",
            "/health?x=1     | must be a plain path",
            "/health#top     | must be a plain path",
            "/héalth         | must be a plain path"})
    void invalidHealthCheckPathIsRejected(String path, String expected) {
        AppConfig.InvalidConfigException e = assertThrows(AppConfig.InvalidConfigException.class,
                () -> AppConfig.fromEnv(Map.of("HEALTH_CHECK_PATH", path)));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("HEALTH_CHECK_PATH " + expected), e.getMessage());
    }

    @Test
    void tooLongHealthCheckPathIsRejected() {
        String path = "/" + "a".repeat(AppConfig.MAX_PATH_LENGTH);
        AppConfig.InvalidConfigException e = assertThrows(AppConfig.InvalidConfigException.class,
                () -> AppConfig.fromEnv(Map.of("HEALTH_CHECK_PATH", path)));
        assertEquals(List.of("HEALTH_CHECK_PATH must be at most 1024 characters, got 1025"), e.problems());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        AppConfig.InvalidConfigException e = assertThrows(AppConfig.InvalidConfigException.class,
                () -> AppConfig.fromEnv(Map.of("APP_PORT", "http", "HEALTH_CHECK_PATH", "ping")));
        assertEquals(List.of(
                "APP_PORT must be a port number from 1 to 65535, got 'http'",
                "HEALTH_CHECK_PATH must start with '/', got 'ping'"), e.problems());
    }
}
