package dev.itf.operator.lifecycle;

import dev.itf.api.Itf;
import dev.itf.api.TestRun;
import dev.itf.operator.run.RunInputs;
import dev.itf.operator.run.RunNames;
import dev.itf.operator.run.RunObjects;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** Starts the runner Jobs (the suite ConfigMap first) and reads their state and termination messages from the informer caches. */
@ApplicationScoped
public class Execution {
    private final RunCache cache;
    private final ClusterWriter writer;

    public Execution(RunCache cache, ClusterWriter writer) {
        this.cache = cache;
        this.writer = writer;
    }

    public static int shards(TestRun run) {
        return run.getSpec().parallelism == null ? 1 : run.getSpec().parallelism;
    }

    /** Creates the suite ConfigMap and every shard's Job that does not exist yet. */
    public void start(RunInputs in, long deadlineSeconds) {
        for (HasMetadata o : RunObjects.runners(in, deadlineSeconds)) {
            writer.createIfAbsent(RunNames.namespace(in.run()), o);
        }
    }

    /** Whether every shard's Job exists, so nothing needs to be built. */
    public boolean started(TestRun run) {
        return observe(run).stream().noneMatch(s -> s.phase() == ShardState.Phase.Missing);
    }

    public List<ShardState> observe(TestRun run) {
        String ns = RunNames.namespace(run);
        List<ShardState> out = new ArrayList<>();
        for (int i = 0; i < shards(run); i++) {
            out.add(state(ns, i, cache.job(ns, RunNames.runnerJob(i)).orElse(null)));
        }
        return out;
    }

    private ShardState state(String ns, int shard, Job job) {
        if (job == null) {
            return new ShardState(shard, ShardState.Phase.Missing, null, null);
        }
        var st = job.getStatus();
        String failedReason = null;
        boolean complete = false;
        if (st != null && st.getConditions() != null) {
            for (JobCondition c : st.getConditions()) {
                if ("True".equals(c.getStatus()) && "Failed".equals(c.getType())) {
                    failedReason = c.getReason() == null ? "Failed" : c.getReason();
                }
                if ("True".equals(c.getStatus()) && "Complete".equals(c.getType())) {
                    complete = true;
                }
            }
        }
        boolean succeeded = complete || (st != null && st.getSucceeded() != null && st.getSucceeded() > 0);
        boolean failed = failedReason != null || (st != null && st.getFailed() != null && st.getFailed() > 0);
        if (!succeeded && !failed) {
            return new ShardState(shard, ShardState.Phase.Active, null, null);
        }
        String message = terminationMessage(ns, shard);
        return succeeded
                ? new ShardState(shard, ShardState.Phase.Succeeded, null, message)
                : new ShardState(shard, ShardState.Phase.Failed, failedReason == null ? "Failed" : failedReason, message);
    }

    private String terminationMessage(String ns, int shard) {
        List<Pod> pods = cache.pods(ns, Itf.LABEL_SHARD, String.valueOf(shard));
        for (Pod p : pods) {
            if (p.getStatus() == null || p.getStatus().getContainerStatuses() == null) {
                continue;
            }
            for (ContainerStatus cs : p.getStatus().getContainerStatuses()) {
                if (cs.getState() != null && cs.getState().getTerminated() != null
                        && cs.getState().getTerminated().getMessage() != null) {
                    return cs.getState().getTerminated().getMessage();
                }
            }
        }
        return null;
    }
}
