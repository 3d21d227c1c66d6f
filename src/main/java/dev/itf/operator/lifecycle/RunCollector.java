package dev.itf.operator.lifecycle;

import dev.itf.api.TestRunStatus;
import dev.itf.results.CaseResult;
import dev.itf.results.LoadShards;
import dev.itf.results.ResultSummary;
import dev.itf.results.TerminationMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts together what a run's shards reported: pushed results first, a shard's termination message where it
 * covers more cases than arrived. Decides whether the run is over and how it ended.
 */
public final class RunCollector {
    public static final int MAX_FAILURES = 20;

    private RunCollector() {
    }

    /**
     * @param error why the run could not execute (non-null means phase Error)
     */
    public record Collected(ResultSummary summary, boolean complete, boolean passed, String error) {
        public TestRunStatus.Summary statusSummary() {
            return summary.counts;
        }
    }

    public static Collected collect(List<CaseResult> stored, List<ShardState> shards, int selected) {
        ResultSummary total = new ResultSummary();
        List<String> errors = new ArrayList<>();
        boolean allFinished = true;
        // a load split over shards counts once, with its verdict on the merged measurements, in its first shard
        List<CaseResult> merged = LoadShards.combine(stored);
        for (ShardState shard : shards) {
            List<CaseResult> mine = merged.stream().filter(r -> r.shard == shard.shard()).toList();
            ResultSummary pushed = ResultSummary.of(mine, MAX_FAILURES);
            int arrived = ResultSummary.lastAttempts(stored.stream().filter(r -> r.shard == shard.shard()).toList()).size();
            Optional<TerminationMessage> message = TerminationMessage.parse(shard.terminationMessage());
            if (!shard.finished()) {
                allFinished = false;
                total.add(pushed, MAX_FAILURES);
                continue;
            }
            if (message.isPresent() && message.get().summary.counts.total > arrived) {
                total.add(message.get().summary, MAX_FAILURES);
            } else {
                total.add(pushed, MAX_FAILURES);
            }
            if (shard.phase() == ShardState.Phase.Failed && mine.isEmpty() && message.isEmpty()) {
                errors.add("the runner of shard " + shard.shard() + " failed (" + shard.reason() + ") without reporting any result"
                        + logTail(shard.terminationMessage()));
            }
        }
        // the run selects the cases, not the runner: the total is what was selected, whatever arrived
        int counted = total.counts.total;
        total.counts.total = Math.max(selected, counted);
        if (!allFinished) {
            return new Collected(total, false, false, null);
        }
        if (!errors.isEmpty()) {
            return new Collected(total, true, false, String.join("; ", errors));
        }
        if (counted < selected) {
            return new Collected(total, true, false, (selected - counted) + " of " + selected
                    + " selected cases reported no result");
        }
        return new Collected(total, true, total.allPassed(), null);
    }

    private static String logTail(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String m = message.strip();
        return "; its last output: " + (m.length() > 300 ? "…" + m.substring(m.length() - 300) : m);
    }
}
