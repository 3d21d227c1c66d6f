package dev.itf.operator.lifecycle;

/**
 * What the cluster says about one shard's Job.
 *
 * @param reason why the Job failed (e.g. DeadlineExceeded, BackoffLimitExceeded), or null
 * @param terminationMessage the runner container's termination message, or null
 */
public record ShardState(int shard, Phase phase, String reason, String terminationMessage) {
    public enum Phase { Missing, Active, Succeeded, Failed }

    public boolean finished() {
        return phase == Phase.Succeeded || phase == Phase.Failed;
    }
}
