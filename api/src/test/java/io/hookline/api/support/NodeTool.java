package io.hookline.api.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the machine's Node.js and npm for the tests that check the contract from the outside:
 * the TypeScript client's journey and Spectral's lint of {@code openapi/openapi.yaml}. Where
 * Node is missing the test is skipped with a message, except in CI ({@code CI=true}), where
 * it fails, as the portal's browser tests do without Chromium. A project's dependencies are
 * installed from its committed {@code package-lock.json} ({@code npm ci}) when its
 * {@code node_modules} is absent.
 */
public final class NodeTool {

    /** The repository's root, seen from a module's directory (where surefire runs the tests). */
    public static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    /** What a command printed (stdout and stderr interleaved) and how it ended. */
    public record Result(int exitCode, String output) {
        /** The last line printed, trimmed; empty when nothing was. */
        public String lastLine() {
            List<String> lines = output.strip().lines().toList();
            return lines.isEmpty() ? "" : lines.getLast().strip();
        }
    }

    private NodeTool() {}

    /** Skips the calling test when {@code node} and {@code npm} are missing (fails it in CI). */
    public static void assumeNode(String what) {
        if (answers("node") && answers("npm")) {
            return;
        }
        String message = "Node.js (node and npm on the PATH) is not installed: skipping " + what;
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + " — CI must run it");
        }
        Assumptions.abort(message + " (it runs in CI)");
    }

    /** Installs {@code project}'s locked dependencies unless its node_modules is there already. */
    public static void install(Path project) {
        if (Files.isDirectory(project.resolve("node_modules"))) {
            return;
        }
        Result installed = run(
                project, Map.of(), Duration.ofMinutes(5), "npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts");
        if (installed.exitCode() != 0) {
            throw new AssertionError("npm ci in " + project + " failed:\n" + installed.output());
        }
    }

    /** Runs {@code command} in {@code directory} with {@code environment} added; kills it after {@code timeout}. */
    public static Result run(Path directory, Map<String, String> environment, Duration timeout, String... command) {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("NO_COLOR", "1");
        try {
            Process process = builder.start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(
                        String.join(" ", command) + " did not finish within " + timeout + ":\n" + output.getNow(""));
            }
            return new Result(process.exitValue(), output.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean answers(String program) {
        try {
            Process process = new ProcessBuilder(program, "--version")
                    .redirectErrorStream(true)
                    .start();
            read(process.getInputStream());
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
