package io.devopscli.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.ClientSettings;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The class archive's training replays a converged run's recorded answers (scripts/latency-proxy.py
 * --record, gzipped by scripts/record-class-list.sh): a request the recording holds gets its answer, told
 * apart by the region it is signed for (one endpoint serves every region); any other is "access denied".
 */
class ClassArchiveTrainingReplayTest {
    /** What the proxy records for STS GetCallerIdentity in us-east-1 (the body's SHA-256 is computed below). */
    private static final String ANSWER = "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
            + "<GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/replayed</Arn><UserId>AID</UserId>"
            + "<Account>111122223333</Account></GetCallerIdentityResult></GetCallerIdentityResponse>";

    @Test
    void replaysTheRecordedAnswerForTheSameRequestInTheSameRegionOnly(@TempDir Path dir) throws Exception {
        String body = "Action=GetCallerIdentity&Version=2011-06-15";
        String line = "{\"method\": \"POST\", \"path\": \"/\", \"body\": \"" + sha256(body) + "\", \"region\": \"us-east-1\","
                + " \"status\": 200, \"headers\": [[\"Content-Type\", \"text/xml\"]], \"answer\": \""
                + Base64.getEncoder().encodeToString(ANSWER.getBytes(StandardCharsets.UTF_8)) + "\"}";
        Path file = dir.resolve("class-archive-answers.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(("{\"topology\": \"config/topology.yaml\"}\n" + line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        ClassArchiveTraining.Replay replay = ClassArchiveTraining.Replay.read(file);
        assertEquals("config/topology.yaml", replay.topology());
        HttpServer server = ClassArchiveTraining.server(replay);
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            try (AwsClients east = new AwsClients("us-east-1", ClientSettings.resolve(url, null));
                 AwsClients west = new AwsClients("eu-west-1", ClientSettings.resolve(url, null))) {
                assertEquals("111122223333", east.sts().getCallerIdentity().account());
                AwsServiceException denied = assertThrows(AwsServiceException.class, () -> west.sts().getCallerIdentity());
                assertEquals(403, denied.statusCode());
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void withoutARecordingEveryRequestIsDenied(@TempDir Path dir) throws Exception {
        ClassArchiveTraining.Replay replay = ClassArchiveTraining.Replay.read(dir.resolve("absent.jsonl.gz"));
        assertNull(replay.topology());
        HttpServer server = ClassArchiveTraining.server(replay);
        try (AwsClients east = new AwsClients("us-east-1",
                ClientSettings.resolve("http://127.0.0.1:" + server.getAddress().getPort(), null))) {
            assertEquals(403, assertThrows(AwsServiceException.class, () -> east.sts().getCallerIdentity()).statusCode());
        } finally {
            server.stop(0);
        }
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
