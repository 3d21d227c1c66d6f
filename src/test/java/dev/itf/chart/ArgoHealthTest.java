package dev.itf.chart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.json.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Argo CD health checks of deploy/argocd, run by a real Lua interpreter (Debian's lua5.4, which .ci/run installs)
 * against sample objects, and the same scripts in docs/gitops.md.
 */
class ArgoHealthTest {

    static final Path RUN_SCRIPT = Path.of("deploy/argocd/testrun-health.lua");
    static final Path SCHEDULE_SCRIPT = Path.of("deploy/argocd/testschedule-health.lua");
    private static String lua;

    @BeforeAll
    static void findLua() {
        for (String candidate : new String[] {"lua5.4", "lua"}) {
            try {
                Process p = new ProcessBuilder(candidate, "-v").redirectErrorStream(true).start();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    lua = candidate;
                    return;
                }
            } catch (IOException | InterruptedException e) {
                // not this one
            }
        }
    }

    /** Status and message the script returns for the object, as Argo CD would get them. */
    private static String health(Path script, String objectYaml) throws Exception {
        Assumptions.assumeTrue(lua != null, "no Lua interpreter (lua5.4) installed; .ci/run installs Debian's lua5.4");
        String program = "obj = " + luaValue(Json.YAML.readTree(objectYaml)) + "\n"
                + "local check = assert(loadfile(\"" + script.toAbsolutePath() + "\"))\n"
                + "local hs = check()\n"
                + "io.write(hs.status, \"|\", hs.message or \"\")\n";
        Path file = Files.createTempFile("itf-health", ".lua");
        try {
            Files.writeString(file, program);
            Process p = new ProcessBuilder(lua, file.toString()).redirectErrorStream(true).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("lua finished").isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
            return out;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A Lua table constructor holding the JSON value, as Argo CD hands objects to health scripts. */
    static String luaValue(JsonNode node) {
        if (node == null || node.isNull()) {
            return "nil";
        }
        if (node.isBoolean() || node.isNumber()) {
            return node.asText();
        }
        if (node.isTextual()) {
            return "\"" + node.asText().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        }
        StringBuilder b = new StringBuilder("{");
        if (node.isArray()) {
            for (JsonNode item : node) {
                b.append(luaValue(item)).append(", ");
            }
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                b.append("[").append(luaValue(Json.MAPPER.getNodeFactory().textNode(e.getKey()))).append("] = ")
                        .append(luaValue(e.getValue())).append(", ");
            }
        }
        return b.append("}").toString();
    }

    @Test
    void aTestRunIsProgressingWhileItRunsHealthyWhenItPassedDegradedWhenItFailedOrErred() throws Exception {
        assertThat(health(RUN_SCRIPT, "{apiVersion: itf.dev/v1alpha1, kind: TestRun, metadata: {name: r}}"))
                .isEqualTo("Progressing|Waiting for the operator");
        assertThat(health(RUN_SCRIPT, "{kind: TestRun, status: {phase: Provisioning}}")).isEqualTo("Progressing|Provisioning");
        assertThat(health(RUN_SCRIPT, "{kind: TestRun, status: {phase: Running, summary: {total: 42, passed: 10, failed: 0}}}"))
                .isEqualTo("Progressing|Running: 10 of 42 cases passed");
        assertThat(health(RUN_SCRIPT, "{kind: TestRun, status: {phase: Succeeded, summary: {total: 42, passed: 42, flaky: 2}}}"))
                .isEqualTo("Healthy|42 of 42 cases passed");
        assertThat(health(RUN_SCRIPT, "{kind: TestRun, status: {phase: Failed, summary: {total: 42, passed: 40, failed: 1, errored: 1}}}"))
                .isEqualTo("Degraded|40 of 42 cases passed, 1 failed, 1 errored");
        assertThat(health(RUN_SCRIPT, """
                kind: TestRun
                status:
                  phase: Error
                  conditions:
                    - {type: Resolved, status: "False", reason: SuiteNotFound, message: "spec.suiteRef: TestSuite \\"orders-api\\" not found"}
                """)).isEqualTo("Degraded|spec.suiteRef: TestSuite \"orders-api\" not found");
    }

    @Test
    void aTestScheduleIsDegradedWhenInvalidOrItsLastRunFailed() throws Exception {
        assertThat(health(SCHEDULE_SCRIPT, "{kind: TestSchedule}")).isEqualTo("Progressing|Waiting for the operator");
        assertThat(health(SCHEDULE_SCRIPT, """
                kind: TestSchedule
                status:
                  conditions: [{type: Valid, status: "False", reason: InvalidSpec, message: "spec.schedule: \\"0 3 * *\\" has 4 fields"}]
                """)).isEqualTo("Degraded|spec.schedule: \"0 3 * *\" has 4 fields");
        assertThat(health(SCHEDULE_SCRIPT, "{kind: TestSchedule, spec: {suspend: true}, status: {conditions: [{type: Valid, status: \"True\"}]}}"))
                .isEqualTo("Suspended|Suspended");
        assertThat(health(SCHEDULE_SCRIPT, "{kind: TestSchedule, status: {lastRun: {name: nightly-1, phase: Failed}}}"))
                .isEqualTo("Degraded|Last run nightly-1 ended Failed");
        assertThat(health(SCHEDULE_SCRIPT, "{kind: TestSchedule, status: {lastRun: {name: nightly-2, phase: Running}}}"))
                .isEqualTo("Healthy|Run nightly-2 is Running");
        assertThat(health(SCHEDULE_SCRIPT, "{kind: TestSchedule, status: {lastRun: {name: nightly-2, phase: Succeeded}}}"))
                .isEqualTo("Healthy|Last run nightly-2 succeeded");
        assertThat(health(SCHEDULE_SCRIPT, "{kind: TestSchedule, status: {active: []}}")).isEqualTo("Healthy|No run yet");
    }

    @Test
    void docsGitopsCarriesTheseScriptsInItsArgoCdConfiguration() throws IOException {
        String docs = Files.readString(Path.of("docs/gitops.md"));
        for (Path script : new Path[] {RUN_SCRIPT, SCHEDULE_SCRIPT}) {
            String indented = Files.readString(script).strip().indent(4);
            assertThat(docs).as("docs/gitops.md holds %s, indented under its argocd-cm key", script).contains(indented);
        }
        assertThat(docs).contains("resource.customizations.health.itf.dev_TestRun: |", "resource.customizations.health.itf.dev_TestSchedule: |");
    }
}
