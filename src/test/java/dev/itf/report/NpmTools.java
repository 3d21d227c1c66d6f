package dev.itf.report;

import dev.itf.json.Json;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * npm packages the report tests run (the Allure CLI, Playwright, the SARIF schema), installed into .tools/npm of the
 * project as .ci/run does. A test is skipped, saying why, only when npm cannot install them (no registry).
 */
public final class NpmTools {

    public static final Path DIR = Path.of(".tools", "npm").toAbsolutePath();

    private NpmTools() {
    }

    /** The package's directory under node_modules, installed first when it is missing or of another version. */
    public static synchronized Path ensure(String pkg, String version) {
        Path home = DIR.resolve("node_modules").resolve(pkg);
        if (installedVersion(home).equals(version)) {
            return home;
        }
        try {
            Files.createDirectories(DIR);
            Run npm = run(DIR, 600, "npm", "install", "--prefix", DIR.toString(), "--no-audit", "--no-fund", "--loglevel=error",
                    pkg + "@" + version);
            Assumptions.assumeTrue(npm.exit == 0, "npm could not install " + pkg + "@" + version + " (is the npm registry reachable?): " + npm.output);
        } catch (IOException e) {
            Assumptions.abort("npm is not available to install " + pkg + "@" + version + ": " + e.getMessage());
        }
        return home;
    }

    private static String installedVersion(Path home) {
        try {
            return Json.MAPPER.readTree(home.resolve("package.json").toFile()).path("version").asText();
        } catch (IOException e) {
            return "";
        }
    }

    record Run(int exit, String output) {
    }

    /** Runs a command, its output (stdout and stderr together) kept; fails the test when it does not end in time. */
    static Run run(Path workDir, int timeoutSeconds, String... command) throws IOException {
        return run(workDir, timeoutSeconds, List.of(), command);
    }

    static Run run(Path workDir, int timeoutSeconds, List<String> environment, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(workDir.toFile()).redirectErrorStream(true);
        for (String kv : environment) {
            int eq = kv.indexOf('=');
            pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        Path log = Files.createTempFile("itf-npm-tool", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s: "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
