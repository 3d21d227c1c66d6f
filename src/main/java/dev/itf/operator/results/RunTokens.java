package dev.itf.operator.results;

import dev.itf.api.TestRun;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token of each run, in memory, so the results endpoint checks a token before it asks the API server anything.
 * A run's reconcile tells it the token before the token Secret exists; {@link RunTokenWatch} reads every token Secret,
 * so a restarted operator (or a replica that takes over) knows the tokens of runs it did not start.
 */
@ApplicationScoped
public class RunTokens {
    private static final byte[] NONE = new byte[32];

    private record Entry(String uid, byte[] token) {
    }

    private final Map<String, Entry> byRun = new ConcurrentHashMap<>();
    private volatile boolean complete;
    private volatile boolean watched;

    public void remember(TestRun run, String token) {
        remember(run.getMetadata().getNamespace(), run.getMetadata().getName(), run.getMetadata().getUid(), token);
    }

    public void remember(String namespace, String name, String uid, String token) {
        byRun.put(namespace + "/" + name, new Entry(uid, token.getBytes(StandardCharsets.UTF_8)));
    }

    /** The token known for this very run (same namespace, name and uid), from a reconcile or its token Secret. */
    public Optional<String> of(TestRun run) {
        Entry entry = byRun.get(run.getMetadata().getNamespace() + "/" + run.getMetadata().getName());
        return entry != null && entry.uid().equals(run.getMetadata().getUid())
                ? Optional.of(new String(entry.token(), StandardCharsets.UTF_8)) : Optional.empty();
    }

    /**
     * Remembers {@code token} for the run unless a token of the same run is known already (its token Secret was read
     * meanwhile): the token that holds is returned, in one atomic step.
     */
    public String rememberIfAbsent(TestRun run, String token) {
        String uid = run.getMetadata().getUid();
        Entry held = byRun.compute(run.getMetadata().getNamespace() + "/" + run.getMetadata().getName(),
                (k, e) -> e != null && e.uid().equals(uid) ? e : new Entry(uid, token.getBytes(StandardCharsets.UTF_8)));
        return new String(held.token(), StandardCharsets.UTF_8);
    }

    /**
     * The uid of run {@code namespace/name} when the presented token is its token; compared in constant time, and a
     * run without a token costs a comparison too.
     */
    public Optional<String> check(String namespace, String name, String presented) {
        Entry entry = byRun.get(namespace + "/" + name);
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        boolean same = MessageDigest.isEqual(entry == null ? NONE : entry.token(), given);
        return entry != null && same ? Optional.of(entry.uid()) : Optional.empty();
    }

    /** Whether every token Secret has been read since start-up; until then an unknown token may be one not read yet. */
    public boolean complete() {
        return complete;
    }

    void markComplete() {
        complete = true;
    }

    /**
     * Whether the watch on token Secrets is running and has read every one: then a run whose token is not known has no
     * token Secret, and a new token needs no read of the run namespace.
     */
    public boolean watched() {
        return watched;
    }

    void markWatched() {
        watched = true;
    }

    public void forget(String uid) {
        byRun.values().removeIf(e -> e.uid().equals(uid));
    }

    /** Forgets the token of run {@code namespace/name} only while it is still the one of run {@code uid}. */
    void forget(String namespace, String name, String uid) {
        byRun.computeIfPresent(namespace + "/" + name, (k, e) -> e.uid().equals(uid) ? null : e);
    }
}
