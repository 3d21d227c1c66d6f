package dev.itf.results;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Puts back together a case whose load step was split over several runner Jobs (SPEC §6 {@code shards}): each shard
 * reports its share; this adds their histograms and counters and judges the thresholds once, on the merged data, so
 * the p95 of the run is the p95 of every sample, not an average of the shards' p95s. The operator and
 * {@code itf report} both merge through here.
 */
public final class LoadShards {

    private LoadShards() {
    }

    /** The results with the shares of every sharded case attempt merged into one result; other results unchanged, in order. */
    public static List<CaseResult> combine(Collection<CaseResult> results) {
        Map<String, List<CaseResult>> shares = new LinkedHashMap<>();
        List<Object> order = new ArrayList<>();
        for (CaseResult r : results) {
            if (isShare(r)) {
                String key = r.caseId + "#" + r.attempt;
                if (!shares.containsKey(key)) {
                    order.add(key);
                }
                shares.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            } else {
                order.add(r);
            }
        }
        if (shares.isEmpty()) {
            return new ArrayList<>(results);
        }
        List<CaseResult> out = new ArrayList<>();
        for (Object o : order) {
            out.add(o instanceof CaseResult c ? c : mergeShares(shares.get((String) o)));
        }
        return out;
    }

    /**
     * What identifies a stored result: caseId@attempt, and for a share of a load split over several shards also its
     * shard (caseId@attempt#shard), so every share is kept for the merge.
     */
    public static String identity(CaseResult r) {
        return r.caseId + "@" + r.attempt + (isShare(r) ? "#" + r.shard : "");
    }

    /** Whether the result holds a share of a load split over several shards. */
    public static boolean isShare(CaseResult r) {
        return r.steps != null && r.steps.stream().anyMatch(s -> s.load != null && s.load.shards != null && s.load.shards > 1);
    }

    /** One result from the shares of one case attempt. */
    static CaseResult mergeShares(List<CaseResult> shares) {
        List<CaseResult> sorted = new ArrayList<>(shares);
        sorted.sort(Comparator.comparingInt(r -> r.shard));
        CaseResult first = sorted.get(0);
        CaseResult merged = RunMerge.copyOf(first);
        merged.steps = new ArrayList<>();
        merged.message = null;
        merged.errorKind = null;
        merged.flaky = sorted.stream().anyMatch(r -> r.flaky);
        merged.startedAt = sorted.stream().map(r -> r.startedAt).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
        merged.durationMs = sorted.stream().mapToLong(r -> r.durationMs).max().orElse(0);
        int steps = sorted.stream().mapToInt(r -> r.steps.size()).max().orElse(0);
        for (int i = 0; i < steps; i++) {
            int index = i;
            List<StepResult> at = sorted.stream().filter(r -> r.steps.size() > index).map(r -> r.steps.get(index)).toList();
            merged.steps.add(at.stream().anyMatch(s -> s.load != null) ? mergeLoadStep(at) : worst(at));
        }
        merged.outcome = Outcome.PASSED;
        for (StepResult s : merged.steps) {
            if (s.outcome == Outcome.FAILED || s.outcome == Outcome.ERRORED) {
                merged.outcome = s.outcome;
                merged.message = s.message;
                merged.errorKind = s.errorKind;
                break;
            }
        }
        return merged;
    }

    private static StepResult mergeLoadStep(List<StepResult> shares) {
        StepResult first = shares.get(0);
        StepResult s = new StepResult();
        s.name = first.name;
        s.type = first.type;
        s.durationMs = shares.stream().mapToLong(x -> x.durationMs).max().orElse(0);
        s.log = shares.stream().flatMap(x -> x.log.stream()).limit(50).toList();
        List<LoadResult> loads = shares.stream().map(x -> x.load).filter(Objects::nonNull).toList();
        s.load = mergeLoads(loads);
        String prefix = "step \"" + s.name + "\": ";
        StepResult errored = shares.stream().filter(x -> x.outcome == Outcome.ERRORED).findFirst().orElse(null);
        int expected = loads.stream().map(l -> l.shards).filter(Objects::nonNull).max(Integer::compare).orElse(1);
        String failures = LoadThresholds.failures(s.load);
        if (errored != null) {
            s.outcome = Outcome.ERRORED;
            s.errorKind = errored.errorKind;
            s.message = errored.message;
        } else if (s.load.stopped != null) {
            s.outcome = Outcome.FAILED;
            s.errorKind = ErrorKind.THRESHOLD;
            s.message = prefix + s.load.stopped;
        } else if (s.load.shardsMerged < expected) {
            s.outcome = Outcome.ERRORED;
            s.errorKind = ErrorKind.PROTOCOL;
            s.message = prefix + "only " + s.load.shardsMerged + " of " + expected + " shards reported their share of the load";
        } else if (failures != null) {
            s.outcome = Outcome.FAILED;
            s.errorKind = ErrorKind.THRESHOLD;
            s.message = prefix + failures + " (on the merged measurements of " + expected + " shards)";
        } else {
            s.outcome = Outcome.PASSED;
        }
        return s;
    }

    /** The share of a step that went worst: errored, then failed, then skipped, then passed. */
    private static StepResult worst(List<StepResult> shares) {
        return shares.stream().max(Comparator.comparingInt(x -> rank(x.outcome))).orElseThrow();
    }

    private static int rank(Outcome o) {
        return o == Outcome.ERRORED ? 3 : o == Outcome.FAILED ? 2 : o == Outcome.SKIPPED ? 1 : 0;
    }

    /**
     * The measurements of several shares as one: counters added, histograms added (so percentiles are exact), the
     * thresholds judged again. A second of the timeline adds requests, errors and in-flight; its percentiles are the
     * highest of the shares' (the per-second histograms are not kept), an upper bound.
     */
    public static LoadResult mergeLoads(List<LoadResult> loads) {
        LoadResult m = new LoadResult();
        LoadResult first = loads.get(0);
        m.model = first.model;
        m.requests = sum(loads, l -> l.requests);
        m.errors = sum(loads, l -> l.errors);
        m.dropped = loads.stream().allMatch(l -> l.dropped == null) ? null : sum(loads, l -> l.dropped);
        m.measuredMs = loads.stream().map(l -> l.measuredMs).filter(Objects::nonNull).max(Long::compare).orElse(null);
        m.measuredFrom = LoadResources.earliest(loads.stream().map(l -> l.measuredFrom).toList());
        for (LoadResult l : loads) {
            l.errorsByKind.forEach((k, v) -> m.errorsByKind.merge(k, v, Long::sum));
            l.byStatus.forEach((k, v) -> m.byStatus.merge(k, v, Long::sum));
            if (m.stopped == null) {
                m.stopped = l.stopped;
            }
        }
        if (m.measuredMs != null && m.measuredMs > 0) {
            m.throughput = m.requests / (m.measuredMs / 1000.0);
        }
        Histogram all = LoadStats.histogram();
        for (LoadResult l : loads) {
            if (l.histogram != null) {
                all.add(LoadStats.decode(l.histogram));
            }
        }
        m.histogram = LoadStats.encode(all);
        m.latencyMs = LoadStats.latencyMs(all);
        Map<Integer, LoadResult.Second> seconds = new TreeMap<>();
        for (LoadResult l : loads) {
            for (LoadResult.Second s : l.timeline) {
                LoadResult.Second into = seconds.computeIfAbsent(s.second, k -> {
                    LoadResult.Second n = new LoadResult.Second();
                    n.second = k;
                    return n;
                });
                into.requests += s.requests;
                into.errors += s.errors;
                into.inFlight = s.inFlight == null ? into.inFlight : (into.inFlight == null ? 0 : into.inFlight) + s.inFlight;
                into.p50Ms = max(into.p50Ms, s.p50Ms);
                into.p95Ms = max(into.p95Ms, s.p95Ms);
                into.p99Ms = max(into.p99Ms, s.p99Ms);
            }
        }
        m.timeline = new ArrayList<>(seconds.values());
        m.shards = loads.stream().map(l -> l.shards).filter(Objects::nonNull).max(Integer::compare).orElse(null);
        m.shardsMerged = (int) loads.stream().map(l -> l.shard == null ? 0 : l.shard).distinct().count();
        m.thresholds = first.thresholds;
        LoadThresholds.judgeAgain(m);
        for (int i = 0; i < m.thresholds.size(); i++) {
            String name = m.thresholds.get(i).name;
            if (LoadResources.isResources(name)) {
                m.thresholds.set(i, LoadResources.merged(loads.stream().flatMap(l -> l.thresholds.stream())
                        .filter(t -> name.equals(t.name)).toList()));
            }
        }
        return m;
    }

    private static long sum(List<LoadResult> loads, java.util.function.Function<LoadResult, Long> f) {
        return loads.stream().map(f).filter(Objects::nonNull).mapToLong(Long::longValue).sum();
    }

    private static Double max(Double a, Double b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return Math.max(a, b);
    }
}
