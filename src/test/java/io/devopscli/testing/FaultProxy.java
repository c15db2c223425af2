package io.devopscli.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * scripts/fault-proxy.py between the tool and the emulator: the same proxy the fault benchmark uses,
 * started with the given faults (lost answers, an unreachable region, ...) on a free port.
 */
public final class FaultProxy implements AutoCloseable {
    private final Process process;
    private final URI endpoint;

    private FaultProxy(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static FaultProxy start(String... faults) throws Exception {
        Path script = Path.of("scripts/fault-proxy.py").toAbsolutePath();
        if (!Files.exists(script)) {
            throw new IllegalStateException("no " + script + ": run the tests from the project directory");
        }
        List<String> command = new ArrayList<>(List.of("python3", script.toString(),
                "--upstream", Emulator.endpoint().toString(), "--port", "0"));
        command.addAll(List.of(faults));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (first == null || !first.startsWith("listening on ")) {
            p.destroyForcibly();
            throw new IllegalStateException("fault proxy did not start: " + first);
        }
        return new FaultProxy(p, URI.create("http://127.0.0.1:" + first.substring("listening on ".length()).trim()));
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor();
    }
}
