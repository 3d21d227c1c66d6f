package dev.itf.chart;

import dev.itf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** bin/build-image.sh builds a loadable docker-archive that agrees with src/main/docker/Dockerfile. */
class ImageBuildScriptTest {
    private static final ObjectMapper JSON = Json.MAPPER;

    @TempDir
    Path work;

    @Test
    void buildsTheApplicationLayersOnTopOfTheBaseImage() throws Exception {
        Path base = baseImage();
        Path app = quarkusApp();
        Path image = work.resolve("itf-image.tar");
        Result result = run("bin/build-image.sh", "--base", base.toString(), "--app", app.toString(),
                "--out", image.toString(), "--tag", "itf:test", "--tag", "registry.example/team/itf:1");
        assertThat(result.exit).withFailMessage(result.output).isZero();

        Path unpacked = untar(image, "image");
        JsonNode manifest = JSON.readTree(unpacked.resolve("manifest.json").toFile());
        assertThat(manifest).hasSize(1);
        assertThat(texts(manifest.get(0).get("RepoTags")))
                .containsExactly("docker.io/library/itf:test", "registry.example/team/itf:1");
        List<String> layers = texts(manifest.get(0).get("Layers"));
        assertThat(layers).hasSize(3).first().isEqualTo("base/layer.tar");

        JsonNode config = JSON.readTree(unpacked.resolve(manifest.get(0).get("Config").asText()).toFile());
        List<String> diffIds = texts(config.get("rootfs").get("diff_ids"));
        assertThat(diffIds).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(diffIds.get(i)).as("diff id of %s", layers.get(i)).isEqualTo("sha256:" + sha256(unpacked.resolve(layers.get(i))));
        }
        JsonNode runtime = config.get("config");
        assertThat(texts(runtime.get("Env"))).contains("PATH=/opt/java/openjdk/bin:/usr/bin:/bin", "MALLOC_ARENA_MAX=2")
                .anyMatch(e -> e.startsWith("JDK_JAVA_OPTIONS=-XX:MaxRAMPercentage="));
        assertThat(runtime.get("WorkingDir").asText()).isEqualTo("/deployments");
        assertThat(runtime.has("ExposedPorts") && runtime.get("ExposedPorts").has("8080/tcp")).isTrue();

        String dockerfile = Files.readString(Path.of("src", "main", "docker", "Dockerfile"));
        assertThat(dockerfile).contains("FROM eclipse-temurin:17-jre").contains("MALLOC_ARENA_MAX=2")
                .contains("ENTRYPOINT " + JSON.writeValueAsString(runtime.get("Entrypoint")).replace(",", ", "))
                .contains("CMD " + JSON.writeValueAsString(runtime.get("Cmd")))
                .contains("USER " + runtime.get("User").asText());
        assertThat(texts(runtime.get("Entrypoint"))).containsExactly("java", "-jar", "/deployments/quarkus-run.jar");
        assertThat(texts(runtime.get("Cmd"))).containsExactly("operator");
        assertThat(runtime.get("User").asText()).isEqualTo("10001");

        assertThat(listing(unpacked.resolve(layers.get(1)))).contains("deployments/lib/main/dependency.jar")
                .noneMatch(entry -> entry.contains("quarkus-run.jar"));
        assertThat(listing(unpacked.resolve(layers.get(2))))
                .contains("deployments/quarkus-run.jar", "deployments/app/itf.jar", "deployments/quarkus/generated-bytecode.jar")
                .noneMatch(entry -> entry.contains("/lib/"));
        assertThat(run("tar", "-tvf", unpacked.resolve(layers.get(2)).toString()).output)
                .contains("-rw-r--r-- root/root").doesNotContain("10001");

        Path again = work.resolve("again.tar");
        assertThat(run("bin/build-image.sh", "--base", base.toString(), "--app", app.toString(),
                "--out", again.toString(), "--tag", "itf:test", "--tag", "registry.example/team/itf:1").exit).isZero();
        assertThat(sha256(again)).as("a rebuild of the same application is identical").isEqualTo(sha256(image));
    }

    @Test
    void refusesToBuildWithoutABaseImageOrAnApplication() throws Exception {
        Result noBase = run("bin/build-image.sh", "--app", quarkusApp().toString());
        assertThat(noBase.exit).isEqualTo(2);
        assertThat(noBase.output).contains("--base is required").contains("eclipse-temurin:17-jre");

        Result noApp = run("bin/build-image.sh", "--base", baseImage().toString(), "--app", work.resolve("missing").toString());
        assertThat(noApp.exit).isEqualTo(2);
        assertThat(noApp.output).contains("quarkus-run.jar not found").contains("./mvnw -B package");
    }

    /** A docker-archive as `docker save` writes it, with one layer and a JRE-like config. */
    private Path baseImage() throws Exception {
        Path root = Files.createDirectories(work.resolve("base-root/opt/java/openjdk/bin"));
        Files.writeString(root.resolve("java"), "#!/bin/sh\n");
        Path archive = Files.createDirectories(work.resolve("base-archive/base"));
        assertThat(run("tar", "-cf", archive.resolve("layer.tar").toString(), "-C", work.resolve("base-root").toString(), "opt").exit).isZero();
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/opt/java/openjdk/bin:/usr/bin:/bin\"],"
                + "\"Cmd\":[\"jshell\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + sha256(archive.resolve("layer.tar")) + "\"]}}";
        Files.writeString(archive.getParent().resolve("config.json"), config);
        Files.writeString(archive.getParent().resolve("manifest.json"),
                "[{\"Config\":\"config.json\",\"RepoTags\":[\"eclipse-temurin:17-jre\"],\"Layers\":[\"base/layer.tar\"]}]");
        Path tar = work.resolve("base.tar");
        assertThat(run("tar", "-cf", tar.toString(), "-C", archive.getParent().toString(), "manifest.json", "config.json", "base").exit).isZero();
        return tar;
    }

    /** The layout of target/quarkus-app. */
    private Path quarkusApp() throws IOException {
        Path app = work.resolve("quarkus-app");
        for (String file : List.of("quarkus-run.jar", "lib/main/dependency.jar", "app/itf.jar", "quarkus/generated-bytecode.jar")) {
            Files.createDirectories(app.resolve(file).getParent());
            Files.writeString(app.resolve(file), file);
        }
        return app;
    }

    private Path untar(Path tar, String into) throws Exception {
        Path dir = Files.createDirectories(work.resolve(into));
        assertThat(run("tar", "-xf", tar.toString(), "-C", dir.toString()).exit).isZero();
        return dir;
    }

    private static List<String> listing(Path tar) throws Exception {
        return run("tar", "-tf", tar.toString()).output.lines().map(l -> l.replaceFirst("^\\./", "")).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", String.join(" ", command)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
