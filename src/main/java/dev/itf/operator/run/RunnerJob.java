package dev.itf.operator.run;

import dev.itf.api.Itf;
import dev.itf.api.TestRun;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One shard of a run: `itf run` in the ITF image over the suite mounted at /suite, pushing results to the operator. */
public final class RunnerJob {
    public static final String REPORT_DIR = "/tmp/reports";
    public static final String TERMINATION_LOG = "/dev/termination-log";
    /**
     * The image's JVM options plus those bin/itf gives a command: a run lasts seconds to minutes, and on a pod's few
     * cores the optimising compiler's and parallel collector's threads cost it more than they give back.
     */
    static final String JAVA_OPTIONS = "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    /** The uid of the ITF image's user; any non-root uid works, files in the image are readable by all. */
    static final long RUNNER_UID = 10001;

    private RunnerJob() {
    }

    /**
     * @param components the variables every component publishes, passed as --var
     * @param suiteSecrets whether the run has a copy of the suite's Secrets to expose as ITF_SECRET_* variables
     * @param deadlineSeconds what is left of the run's timeout
     */
    public static Job build(TestRun run, int shard, int shards, List<ComponentVariables> components,
                            boolean suiteSecrets, long deadlineSeconds, RunnerSettings settings) {
        List<String> args = new ArrayList<>(List.of("run", SuiteConfigMap.MOUNT_PATH + "/" + SuiteConfigMap.SUITE_KEY,
                "--shard", String.valueOf(shard), "--shards", String.valueOf(shards),
                "--report-dir", REPORT_DIR, "--format", "json,junit"));
        args.addAll(selectionArgs(run.getSpec()));
        run.getSpec().variables.forEach((k, v) -> {
            args.add("--var");
            args.add(k + "=" + v);
        });
        List<EnvVar> env = new ArrayList<>();
        for (ComponentVariables c : components) {
            args.addAll(c.runnerArgs());
            env.addAll(c.env());
        }
        String name = run.getMetadata().getName();
        env.add(new EnvVarBuilder().withName("ITF_RESULTS_URL")
                .withValue(settings.resultsUrl(run.getMetadata().getNamespace(), name)).build());
        env.add(new EnvVarBuilder().withName("ITF_RESULTS_TOKEN").withNewValueFrom()
                .withNewSecretKeyRef(RunNames.TOKEN_KEY, RunNames.TOKEN_SECRET, false).endValueFrom().build());
        env.add(new EnvVarBuilder().withName("ITF_TERMINATION_LOG").withValue(TERMINATION_LOG).build());
        env.add(new EnvVarBuilder().withName("JDK_JAVA_OPTIONS").withValue(JAVA_OPTIONS).build());
        Map<String, String> labels = new java.util.LinkedHashMap<>(RunLabels.of(run));
        labels.put(Itf.LABEL_SHARD, String.valueOf(shard));
        return new JobBuilder()
                .withNewMetadata().withName(RunNames.runnerJob(shard)).withNamespace(RunNames.namespace(run))
                .withLabels(labels).endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withActiveDeadlineSeconds(Math.max(1, deadlineSeconds))
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withEnableServiceLinks(false)
                .withNewSecurityContext()
                .withRunAsNonRoot(true).withRunAsUser(RUNNER_UID)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .addNewContainer()
                .withName("runner")
                .withImage(settings.image())
                .withImagePullPolicy("IfNotPresent")
                .withArgs(args)
                .withEnv(env)
                .withEnvFrom(suiteSecrets
                        ? List.of(new io.fabric8.kubernetes.api.model.EnvFromSourceBuilder()
                                .withNewSecretRef(RunNames.SUITE_SECRETS, false).build())
                        : List.of())
                .withTerminationMessagePath(TERMINATION_LOG)
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .addNewVolumeMount().withName("suite").withMountPath(SuiteConfigMap.MOUNT_PATH).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("suite").withNewConfigMap().withName(RunNames.SUITE_CONFIG_MAP).endConfigMap().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** The run's selector and retries as `itf run` options, so that selecting cases is done in one place: the runner. */
    static List<String> selectionArgs(dev.itf.api.TestRunSpec spec) {
        List<String> args = new ArrayList<>();
        if (spec.selector != null) {
            if (!spec.selector.tags.isEmpty()) {
                args.addAll(List.of("--tags", String.join(",", spec.selector.tags)));
            }
            if (!spec.selector.excludeTags.isEmpty()) {
                args.addAll(List.of("--exclude-tags", String.join(",", spec.selector.excludeTags)));
            }
            if (!spec.selector.ids.isEmpty()) {
                args.addAll(List.of("--ids", String.join(",", spec.selector.ids)));
            }
        }
        if (spec.retries != null) {
            args.addAll(List.of("--retries", String.valueOf(spec.retries)));
        }
        return args;
    }

    /** The run's options as the runner sees them, for counting the cases the run selects. */
    public static dev.itf.runner.RunOptions selection(dev.itf.api.TestRunSpec spec) {
        dev.itf.runner.RunOptions o = new dev.itf.runner.RunOptions();
        if (spec.selector != null) {
            o.tags = spec.selector.tags;
            o.excludeTags = spec.selector.excludeTags;
            o.ids = spec.selector.ids;
        }
        return o;
    }
}
