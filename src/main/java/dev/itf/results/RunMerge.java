package dev.itf.results;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Merges the results of one suite's shards and reruns into one run: the last attempt of each case (by run start)
 * is its result, the attempts before it are kept as earlier attempts, and a case that passed after failing is flaky.
 * The shares of a load step split over shards are merged first ({@link LoadShards}).
 */
public final class RunMerge {

    private RunMerge() {
    }

    /** One run from several; throws when they are of different suites. */
    public static RunResult merge(List<RunResult> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no results to merge");
        }
        List<String> suites = runs.stream().map(r -> r.suite).distinct().toList();
        if (suites.size() > 1) {
            throw new IllegalArgumentException("results of different suites cannot be merged: " + suites);
        }
        List<RunResult> ordered = new ArrayList<>(runs);
        ordered.sort(Comparator.comparing((RunResult r) -> instant(r.startedAt), Comparator.nullsLast(Comparator.naturalOrder())));

        Map<String, List<CaseResult>> byCase = new LinkedHashMap<>();
        // the shares of a load split over shards first become one result, judged on the merged measurements
        for (CaseResult c : LoadShards.combine(ordered.stream().flatMap(r -> r.cases.stream()).toList())) {
            byCase.computeIfAbsent(c.caseId, k -> new ArrayList<>()).add(c);
        }
        RunResult merged = new RunResult();
        merged.suite = runs.get(0).suite;
        merged.description = ordered.stream().map(r -> r.description).filter(Objects::nonNull).findFirst().orElse(null);
        merged.startedAt = ordered.stream().map(r -> r.startedAt).filter(Objects::nonNull)
                .min(Comparator.comparing(RunMerge::instant, Comparator.nullsLast(Comparator.naturalOrder()))).orElse(null);
        merged.finishedAt = ordered.stream().map(r -> r.finishedAt).filter(Objects::nonNull)
                .max(Comparator.comparing(RunMerge::instant, Comparator.nullsFirst(Comparator.naturalOrder()))).orElse(null);
        Instant start = instant(merged.startedAt);
        Instant end = instant(merged.finishedAt);
        merged.durationMs = start != null && end != null ? Duration.between(start, end).toMillis()
                : ordered.stream().mapToLong(r -> r.durationMs).sum();
        merged.shard = 0;
        merged.shards = ordered.stream().mapToInt(r -> r.shards).max().orElse(1);
        ordered.forEach(r -> merged.variables.putAll(r.variables));
        for (List<CaseResult> results : byCase.values()) {
            merged.cases.add(mergeCase(results));
        }
        merged.summary = RunResult.summarize(merged.cases);
        merged.compliance = mergeCompliance(ordered.stream().map(r -> r.compliance).filter(Objects::nonNull).toList());
        return merged;
    }

    /** The last result of a case with every attempt before it, numbered in order. */
    static CaseResult mergeCase(List<CaseResult> results) {
        if (results.size() == 1) {
            return results.get(0);
        }
        List<Attempt> earlier = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            CaseResult r = results.get(i);
            if (r.earlierAttempts != null) {
                earlier.addAll(r.earlierAttempts);
            }
            if (i < results.size() - 1) {
                earlier.add(Attempt.of(r));
            }
        }
        CaseResult last = results.get(results.size() - 1);
        for (int i = 0; i < earlier.size(); i++) {
            earlier.get(i).attempt = i + 1;
        }
        CaseResult merged = copyOf(last);
        merged.attempt = earlier.size() + 1;
        merged.earlierAttempts = earlier;
        merged.startedAt = results.get(0).startedAt;
        merged.durationMs = results.stream().mapToLong(r -> r.durationMs).sum();
        merged.flaky = last.outcome == Outcome.PASSED
                && (last.flaky || earlier.stream().anyMatch(a -> a.outcome == Outcome.FAILED || a.outcome == Outcome.ERRORED));
        return merged;
    }

    static CaseResult copyOf(CaseResult c) {
        CaseResult r = new CaseResult();
        r.caseId = c.caseId;
        r.title = c.title;
        r.tags = c.tags;
        r.severity = c.severity;
        r.owner = c.owner;
        r.links = c.links;
        r.controls = c.controls;
        r.attempt = c.attempt;
        r.outcome = c.outcome;
        r.flaky = c.flaky;
        r.durationMs = c.durationMs;
        r.startedAt = c.startedAt;
        r.message = c.message;
        r.errorKind = c.errorKind;
        r.shard = c.shard;
        r.steps = c.steps;
        r.earlierAttempts = c.earlierAttempts;
        return r;
    }

    /** Per control, a failure anywhere fails it, else a pass passes it; what evidences it is united. */
    static Compliance mergeCompliance(List<Compliance> all) {
        if (all.isEmpty()) {
            return null;
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        Map<String, Compliance.Profile> profiles = new LinkedHashMap<>();
        Map<String, Compliance.Control> controls = new LinkedHashMap<>();
        for (Compliance c : all) {
            for (Compliance.Profile p : c.profiles) {
                Compliance.Profile into = profiles.computeIfAbsent(p.profile, k -> {
                    Compliance.Profile n = new Compliance.Profile();
                    n.profile = k;
                    return n;
                });
                for (Compliance.Control ctl : p.controls) {
                    Compliance.Control target = controls.get(ctl.control);
                    if (target == null) {
                        target = new Compliance.Control();
                        target.control = ctl.control;
                        target.title = ctl.title;
                        target.status = ctl.status;
                        controls.put(ctl.control, target);
                        into.controls.add(target);
                    } else {
                        target.status = worse(target.status, ctl.status);
                    }
                    addNew(target.checks, ctl.checks);
                    addNew(target.cases, ctl.cases);
                    addNew(target.evidence, ctl.evidence);
                }
            }
        }
        Compliance merged = new Compliance();
        for (Compliance.Profile p : profiles.values()) {
            long tested = p.controls.stream().filter(c -> !Compliance.Control.NOT_TESTED.equals(c.status)).count();
            p.coverage = p.controls.isEmpty() ? null : (double) tested / p.controls.size();
            merged.profiles.add(p);
        }
        return merged;
    }

    private static String worse(String a, String b) {
        if (Compliance.Control.FAILED.equals(a) || Compliance.Control.FAILED.equals(b)) {
            return Compliance.Control.FAILED;
        }
        if (Compliance.Control.PASSED.equals(a) || Compliance.Control.PASSED.equals(b)) {
            return Compliance.Control.PASSED;
        }
        return a != null ? a : b;
    }

    private static void addNew(List<String> into, List<String> from) {
        for (String s : from) {
            if (!into.contains(s)) {
                into.add(s);
            }
        }
    }

    private static Instant instant(String rfc3339) {
        if (rfc3339 == null) {
            return null;
        }
        try {
            return Instant.parse(rfc3339);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
