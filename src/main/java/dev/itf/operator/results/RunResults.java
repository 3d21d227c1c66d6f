package dev.itf.operator.results;

import dev.itf.json.Json;
import dev.itf.results.CaseResult;
import dev.itf.results.LoadResult;
import dev.itf.results.StepResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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

    public RunResults(ResultStore store) {
        this.store = store;
    }

    /** Results of one run; its monitor guards the maps and the one read from the store, never a write to it. */
    private static final class Known {
        final Map<String, CaseResult> results = new LinkedHashMap<>();
        /** Results being written by an ingest, so a second push of one waits for that write instead of writing again. */
        final Map<String, CompletableFuture<Void>> writing = new HashMap<>();
        final List<String> unreadable = new ArrayList<>();
        boolean loaded;
    }

    /**
     * Stores the results that are new, durably and as one group commit, before returning. Ingests of one run write
     * concurrently: only the bookkeeping is serialised, so many shards pushing at once do not queue behind each
     * other's disk syncs.
     *
     * @return how many were new (the others had been stored before, or by a concurrent ingest that succeeded)
     * @throws IOException when the store failed, for these results or for a concurrent push of one of them
     */
    public int ingest(RunKey run, List<CaseResult> batch) throws IOException {
        Known known = byUid.computeIfAbsent(run.uid(), uid -> new Known());
        Map<String, CaseResult> fresh = new LinkedHashMap<>();
        List<CompletableFuture<Void>> others = new ArrayList<>();
        CompletableFuture<Void> mine = new CompletableFuture<>();
        synchronized (known) {
            load(run, known);
            for (CaseResult r : batch) {
                String key = key(r);
                CompletableFuture<Void> elsewhere = known.writing.get(key);
                if (known.results.containsKey(key) || fresh.containsKey(key)) {
                    continue;
                }
                if (elsewhere != null) {
                    others.add(elsewhere);
                    continue;
                }
                fresh.put(key, r);
                known.writing.put(key, mine);
            }
        }
        try {
            store.putAll(run, new ArrayList<>(fresh.values()));
        } catch (IOException | RuntimeException e) {
            synchronized (known) {
                fresh.keySet().forEach(known.writing::remove);
            }
            mine.completeExceptionally(e);
            throw e;
        }
        synchronized (known) {
            fresh.forEach((key, r) -> {
                known.results.put(key, light(r));
                known.writing.remove(key);
            });
        }
        mine.complete(null);
        for (CompletableFuture<Void> other : others) {
            try {
                other.join();
            } catch (CompletionException e) {
                throw new IOException("storing an earlier push of the same result failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
        return fresh.size();
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
        return dev.itf.results.LoadShards.identity(r);
    }

    /**
     * What the status, the failures list, the metrics and alerts read: everything but the tags, links and steps, save
     * the measurements of load steps (for status.load and the merge of shares), without their logs and timelines.
     */
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
        c.steps = r.steps == null ? List.of() : r.steps.stream().filter(s -> s.load != null).map(RunResults::lightLoad).toList();
        return c;
    }

    private static StepResult lightLoad(StepResult s) {
        StepResult l = new StepResult();
        l.name = s.name;
        l.type = s.type;
        l.outcome = s.outcome;
        l.message = s.message;
        l.errorKind = s.errorKind;
        l.durationMs = s.durationMs;
        l.log = List.of();
        LoadResult m = Json.MAPPER.convertValue(s.load, LoadResult.class);
        m.timeline = List.of();
        l.load = m;
        return l;
    }
}
