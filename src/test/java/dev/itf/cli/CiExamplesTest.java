package dev.itf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.json.Json;
import dev.itf.manifest.Manifest;
import dev.itf.manifest.Manifests;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The pipeline and GitOps examples parse, and every itf submit in them is a valid command line that waits and writes JUnit. */
class CiExamplesTest {

    private static final Path CI = Path.of("examples/ci");
    private static final Pattern SUBMIT = Pattern.compile("\\$ITF (submit [^'\\n]*)");

    /** The submit commands of a file, parsed as the itf command line parses them. */
    private static List<SubmitCommand> submits(Path file) throws Exception {
        List<SubmitCommand> found = new ArrayList<>();
        Matcher m = SUBMIT.matcher(Files.readString(file));
        while (m.find()) {
            String[] args = m.group(1).trim().split("\\s+");
            ItfCommand root = new ItfCommand();
            CommandLine cl = new CommandLine(root);
            CommandLine.ParseResult parsed = cl.parseArgs(args);
            found.add((SubmitCommand) parsed.subcommand().commandSpec().userObject());
        }
        return found;
    }

    private static void waitsAndWritesJunit(List<SubmitCommand> submits, Path file) {
        assertThat(submits).as("itf submit in %s", file).isNotEmpty();
        for (SubmitCommand s : submits) {
            assertThat(s.waitForRun).as("--wait in %s", file).isTrue();
            assertThat(s.reportDir).as("--report-dir in %s", file).isEqualTo(Path.of("itf-reports"));
            assertThat(Arrays.asList(s.format.split(","))).as("--format in %s", file).contains("junit", "html");
            assertThat(s.suite).isEqualTo("orders-api");
        }
    }

    @Test
    void githubActionsRunsSubmitPublishesJunitKeepsTheHtmlAndNotifiesOnFailure() throws Exception {
        Path file = CI.resolve("github-actions.yaml");
        JsonNode workflow = Json.YAML.readTree(file.toFile());
        JsonNode jobs = workflow.get("jobs");
        assertThat(jobs.fieldNames()).toIterable().containsExactly("deploy", "test", "notify");
        JsonNode test = jobs.get("test");
        assertThat(test.path("needs").asText()).isEqualTo("deploy");
        assertThat(test.path("env").path("ITF").asText()).isEqualTo("java -jar /deployments/quarkus-run.jar");
        List<String> uses = new ArrayList<>();
        test.get("steps").forEach(step -> uses.add(step.path("uses").asText()));
        assertThat(uses).contains("actions/upload-artifact@v4", "mikepenz/action-junit-report@v4");
        assertThat(jobs.get("notify").path("if").asText()).isEqualTo("failure()");
        waitsAndWritesJunit(submits(file), file);
    }

    @Test
    void gitlabCiHasTheStagesAndPublishesTheJunitReport() throws Exception {
        Path file = CI.resolve("gitlab-ci.yml");
        JsonNode pipeline = Json.YAML.readTree(file.toFile());
        assertThat(pipeline.get("stages").toString()).isEqualTo("[\"setup\",\"deploy\",\"test\",\"notify\"]");
        JsonNode job = pipeline.get("integration-tests");
        assertThat(job.path("artifacts").path("reports").path("junit").asText()).isEqualTo("itf-reports/junit.xml");
        assertThat(job.path("artifacts").path("when").asText()).isEqualTo("always");
        assertThat(pipeline.get("notify-failure").path("when").asText()).isEqualTo("on_failure");
        waitsAndWritesJunit(submits(file), file);
    }

    @Test
    void theJenkinsfileRunsSubmitAndPublishesJunitAndHtml() throws Exception {
        Path file = CI.resolve("Jenkinsfile");
        String text = Files.readString(file);
        assertThat(text).contains("stage('Environment setup')", "stage('Deployment')", "stage('Test execution')",
                "junit testResults: 'itf-reports/junit.xml'", "publishHTML", "failure {");
        assertThat(text.chars().filter(c -> c == '{').count()).as("balanced braces").isEqualTo(text.chars().filter(c -> c == '}').count());
        waitsAndWritesJunit(submits(file), file);
    }

    @Test
    void theGitopsExamplesAreKubernetesObjectsAndTheHookRunsAValidSubmit() throws Exception {
        List<Manifest> hook = Manifests.read(Path.of("examples/gitops/postsync-hook.yaml"));
        assertThat(hook).extracting(Manifest::kind).containsExactly("ServiceAccount", "Role", "RoleBinding", "Job");
        JsonNode job = hook.get(3).node();
        assertThat(job.at("/metadata/annotations/argocd.argoproj.io~1hook").asText()).isEqualTo("PostSync");
        JsonNode container = job.at("/spec/template/spec/containers/0");
        List<String> args = new ArrayList<>();
        container.get("args").forEach(a -> args.add(a.asText()));
        CommandLine.ParseResult parsed = new CommandLine(new ItfCommand()).parseArgs(args.toArray(String[]::new));
        SubmitCommand submit = (SubmitCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(submit.waitForRun).isTrue();
        assertThat(job.at("/spec/template/spec/serviceAccountName").asText()).isEqualTo("itf-submit");
        JsonNode rules = hook.get(1).node().get("rules");
        assertThat(rules.toString()).contains("\"testruns\"", "\"create\"", "\"watch\"");
        assertThat(Manifests.read(Path.of("examples/gitops/flux-kustomization.yaml"))).singleElement()
                .satisfies(m -> assertThat(m.kind()).isEqualTo("Kustomization"));
    }
}
