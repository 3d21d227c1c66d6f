package dev.itf.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.itf.api.Itf;
import dev.itf.operator.run.RunNames;
import dev.itf.results.CaseResult;
import dev.itf.results.Outcome;
import dev.itf.results.ResultPusher;
import dev.itf.results.TerminationMessage;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Plays the kubelet and the Job controller against the mock API server: marks Deployments ready, runs what a runner
 * Job would run with that Job's own arguments and environment, and sets the Job's and its pod's final state.
 */
final class FakeKubelet {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final KubernetesClient client;
    private final URI operator;

    FakeKubelet(KubernetesClient client, URI operator) {
        this.client = client;
        this.operator = operator;
    }

    void markReady(String ns, String deployment) {
        Deployment d = client.apps().deployments().inNamespace(ns).withName(deployment).get();
        int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                .withReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas).build());
        client.apps().deployments().inNamespace(ns).resource(d).updateStatus();
    }

    /** A component pod that waits on the given reason, as the kubelet reports an image that cannot be pulled. */
    void stuckPod(String ns, String component, String reason, String message) {
        Pod pod = new PodBuilder().withNewMetadata().withName(component + "-7d9f8-abcde").withNamespace(ns)
                .addToLabels(Itf.LABEL_COMPONENT, component).endMetadata()
                .withNewSpec().addNewContainer().withName(component).withImage("x").endContainer().endSpec()
                .withNewStatus().withPhase("Pending")
                .withContainerStatuses(new ContainerStatusBuilder().withName(component).withReady(false)
                        .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState().build())
                .endStatus().build();
        client.pods().inNamespace(ns).resource(pod).create();
    }

    /** The cases of the suite the Job mounts that its shard runs (case i goes to shard i mod shards). */
    List<JsonNode> casesOf(Job job) throws Exception {
        ConfigMap cm = client.configMaps().inNamespace(job.getMetadata().getNamespace()).withName(RunNames.SUITE_CONFIG_MAP).get();
        JsonNode suite = YAML.readTree(cm.getData().get("suite.yaml"));
        List<String> args = job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        int shard = Integer.parseInt(args.get(args.indexOf("--shard") + 1));
        int shards = Integer.parseInt(args.get(args.indexOf("--shards") + 1));
        List<JsonNode> mine = new ArrayList<>();
        JsonNode cases = suite.path("spec").path("cases");
        for (int i = 0; i < cases.size(); i++) {
            if (i % shards == shard) {
                mine.add(cases.get(i));
            }
        }
        return mine;
    }

    /**
     * Runs a shard: every case's result (from outcome) is pushed the way the runner does, with the Job's
     * ITF_RESULTS_URL and token, then the summary is left as the pod's termination message.
     *
     * @param push false to play a runner whose results never reach the operator
     */
    List<CaseResult> runShard(Job job, Function<String, Outcome> outcome, boolean push, boolean terminationMessage) throws Exception {
        Map<String, String> env = env(job);
        int shard = Integer.parseInt(job.getMetadata().getLabels().get(Itf.LABEL_SHARD));
        URI url = URI.create(env.get(ResultPusher.ENV_URL));
        URI local = operator.resolve(url.getRawPath());
        ResultPusher pusher = new ResultPusher(local, env.get(ResultPusher.ENV_TOKEN), Duration.ofMillis(50),
                Duration.ofSeconds(5), new PrintStream(new ByteArrayOutputStream()));
        List<CaseResult> results = new ArrayList<>();
        for (JsonNode c : casesOf(job)) {
            CaseResult r = new CaseResult();
            r.caseId = c.get("id").asText();
            r.title = c.get("title").asText();
            r.outcome = outcome.apply(r.caseId);
            r.message = r.outcome == Outcome.PASSED ? null : "step 1: expected status 200 but was 500";
            r.shard = shard;
            r.durationMs = 12;
            results.add(r);
            if (push && !pusher.push(r)) {
                throw new AssertionError("the operator refused the result of " + r.caseId);
            }
        }
        boolean failed = results.stream().anyMatch(r -> r.outcome != Outcome.PASSED && r.outcome != Outcome.SKIPPED);
        finishJob(job, !failed, terminationMessage ? TerminationMessage.of(shard, results).render() : null);
        return results;
    }

    /** Ends a Job as the Job controller would once its pod exited: exit code 0 is Complete, anything else Failed. */
    void finishJob(Job job, boolean succeeded, String terminationMessage) {
        String ns = job.getMetadata().getNamespace();
        Map<String, String> labels = new LinkedHashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
        Pod pod = new PodBuilder().withNewMetadata().withName(job.getMetadata().getName() + "-xk2p9").withNamespace(ns)
                .withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("runner").withImage("itf:test").endContainer().endSpec()
                .withNewStatus().withPhase(succeeded ? "Succeeded" : "Failed")
                .withContainerStatuses(new ContainerStatusBuilder().withName("runner")
                        .withNewState().withNewTerminated().withExitCode(succeeded ? 0 : 1).withMessage(terminationMessage)
                        .withReason(succeeded ? "Completed" : "Error").endTerminated().endState().build())
                .endStatus().build();
        client.pods().inNamespace(ns).resource(pod).create();
        Job current = client.batch().v1().jobs().inNamespace(ns).withName(job.getMetadata().getName()).get();
        current.setStatus(new JobStatusBuilder()
                .withSucceeded(succeeded ? 1 : 0).withFailed(succeeded ? 0 : 1)
                .withConditions(new JobConditionBuilder().withType(succeeded ? "Complete" : "Failed").withStatus("True")
                        .withReason(succeeded ? null : "BackoffLimitExceeded").build())
                .build());
        client.batch().v1().jobs().inNamespace(ns).resource(current).updateStatus();
    }

    /** The container environment as the kubelet gives it: values, and secretKeyRefs read from the run namespace. */
    Map<String, String> env(Job job) {
        String ns = job.getMetadata().getNamespace();
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
            if (e.getValue() != null) {
                env.put(e.getName(), e.getValue());
            } else if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                var ref = e.getValueFrom().getSecretKeyRef();
                Secret s = client.secrets().inNamespace(ns).withName(ref.getName()).get();
                env.put(e.getName(), secretValue(s, ref.getKey()));
            }
        }
        return env;
    }

    static String secretValue(Secret s, String key) {
        if (s.getData() != null && s.getData().containsKey(key)) {
            return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
        }
        return s.getStringData().get(key);
    }
}
