package dev.itf.operator;

import dev.itf.api.Itf;
import dev.itf.cli.ItfCommand;
import dev.itf.operator.run.RunnerJob;
import dev.itf.operator.run.SuiteConfigMap;
import dev.itf.operator.run.RunNames;
import dev.itf.operator.run.SecretData;
import dev.itf.runner.ResultPusher;
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

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the kubelet and the Job controller against the mock API server: marks Deployments ready, runs what a runner
 * Job would run with that Job's own arguments and environment, and sets the Job's and its pod's final state.
 */
final class FakeKubelet {
    private static final Pattern VAR = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

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
        // the labels of the Deployment's pod template, as its ReplicaSet gives them to each pod
        Deployment d = client.apps().deployments().inNamespace(ns).withName(component).get();
        Pod pod = new PodBuilder().withNewMetadata().withName(component + "-7d9f8-abcde").withNamespace(ns)
                .withLabels(d.getSpec().getTemplate().getMetadata().getLabels()).endMetadata()
                .withNewSpec().addNewContainer().withName(component).withImage("x").endContainer().endSpec()
                .withNewStatus().withPhase("Pending")
                .withContainerStatuses(new ContainerStatusBuilder().withName(component).withReady(false)
                        .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState().build())
                .endStatus().build();
        client.pods().inNamespace(ns).resource(pod).create();
    }

    /**
     * Runs a shard with the real runner, as the kubelet would start the Job's container: the suite ConfigMap written
     * to a directory in place of the /suite mount, the Job's arguments with $(VAR) expanded from its environment,
     * and that environment (values, Secret references, envFrom Secrets). Then ends the Job by the exit code.
     *
     * @param push false to play a runner whose results never reach the operator
     * @param terminationMessage false to play a runner that died before leaving its summary
     * @return the runner's exit code
     */
    int runShard(Job job, boolean push, boolean terminationMessage) throws Exception {
        String ns = job.getMetadata().getNamespace();
        Path dir = Files.createTempDirectory("itf-shard-");
        ConfigMap cm = client.configMaps().inNamespace(ns).withName(RunNames.SUITE_CONFIG_MAP).get();
        for (Map.Entry<String, String> e : cm.getData().entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue());
        }
        Map<String, String> env = env(job);
        URI pushed = URI.create(env.get(ResultPusher.ENV_URL));
        env.put(ResultPusher.ENV_URL, operator.resolve(pushed.getRawPath()).toString());
        if (!push) {
            env.remove(ResultPusher.ENV_URL);
        }
        Path termination = dir.resolve("termination-log");
        env.put(TerminationMessage.ENV_PATH, termination.toString());
        List<String> args = new ArrayList<>();
        for (String a : job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()) {
            String mounted = a.replace(SuiteConfigMap.MOUNT_PATH + "/", dir + "/").replace(RunnerJob.REPORT_DIR, dir.resolve("reports").toString());
            args.add(expand(mounted, env));
        }
        int exit = ItfCommand.execute(env::get, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args.toArray(String[]::new));
        String message = terminationMessage && Files.exists(termination) ? Files.readString(termination) : null;
        finishJob(job, exit == 0, message);
        return exit;
    }

    /** $(NAME) in an argument, as the kubelet expands it from the container's environment. */
    static String expand(String arg, Map<String, String> env) {
        Matcher m = VAR.matcher(arg);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
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
        var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        for (var from : container.getEnvFrom()) {
            Secret s = client.secrets().inNamespace(ns).withName(from.getSecretRef().getName()).get();
            s.getData().keySet().forEach(k -> env.put(k, secretValue(s, k)));
        }
        for (EnvVar e : container.getEnv()) {
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
        return SecretData.value(s, key);
    }
}
