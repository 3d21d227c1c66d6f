package dev.itf.operator.results;

import dev.itf.results.CaseResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The results of each run as the operator knows them, so a reconcile reads memory and not every stored file: updated
 * on every ingest, read from the store once after the operator starts. Only what the status and metrics need is kept
 * (no step logs); a finished run is forgotten.
 */
@ApplicationScoped
public class RunResults {
    private final ResultStore store;
    private final Map<String, Known> byUid = new ConcurrentHashMap<>();

    public RunResults(FileResultStore store) {
        this.store = store;
    }

    /** Results of one run; its monitor orders ingests and the one read from the store. */
    private static final class Known {
        final Map<String, CaseResult> results = new LinkedHashMap<>();
        final List<String> unreadable = new ArrayList<>();
        boolean loaded;
    }

    /**
     * Stores the results that are new, durably and as one group commit, before returning.
     *
     * @return how many were new (the others had been stored before)
     */
    public int ingest(RunKey run, List<CaseResult> batch) throws IOException {
        Known known = byUid.computeIfAbsent(run.uid(), uid -> new Known());
        synchronized (known) {
            load(run, known);
            Map<String, CaseResult> fresh = new LinkedHashMap<>();
            for (CaseResult r : batch) {
                String key = key(r);
                if (!known.results.containsKey(key)) {
                    fresh.putIfAbsent(key, r);
                }
            }
            store.putAll(run, new ArrayList<>(fresh.values()));
            fresh.forEach((key, r) -> known.results.put(key, light(r)));
            return fresh.size();
        }
    }

    /**
     * Every known result of the run (without steps), ordered by case id and attempt.
     *
     * @param unreadable told once about each piece of stored data that could not be read
     */
    public List<CaseResult> current(RunKey run, Consumer<String> unreadable) throws IOException {
        Known known = byUid.computeIfAbsent(run.uid(), uid -> new Known());
        synchronized (known) {
            load(run, known);
            known.unreadable.forEach(unreadable);
            known.unreadable.clear();
            List<CaseResult> out = new ArrayList<>(known.results.values());
            out.sort(java.util.Comparator.comparing((CaseResult r) -> r.caseId).thenComparingInt(r -> r.attempt));
            return out;
        }
    }

    public void forget(String uid) {
        byUid.remove(uid);
    }

    /** How many runs are held in memory. */
    public int size() {
        return byUid.size();
    }

    private void load(RunKey run, Known known) throws IOException {
        if (known.loaded) {
            return;
        }
        for (CaseResult r : store.list(run, known.unreadable::add)) {
            known.results.putIfAbsent(key(r), light(r));
        }
        known.loaded = true;
    }

    private static String key(CaseResult r) {
        return r.caseId + "@" + r.attempt;
    }

    /** What the status, the failures list, the metrics and alerts read: everything but the steps, tags and links. */
    private static CaseResult light(CaseResult r) {
        CaseResult c = new CaseResult();
        c.caseId = r.caseId;
        c.title = r.title;
        c.attempt = r.attempt;
        c.outcome = r.outcome;
        c.flaky = r.flaky;
        c.durationMs = r.durationMs;
        c.startedAt = r.startedAt;
        c.message = r.message;
        c.errorKind = r.errorKind;
        c.severity = r.severity;
        c.controls = r.controls;
        c.shard = r.shard;
        c.tags = List.of();
        c.steps = List.of();
        return c;
    }
}
