package dev.itf.operator.results;

import dev.itf.results.CaseResult;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/** Durable storage of case results, one per (run, caseId, attempt). */
public interface ResultStore {

    /**
     * Stores results durably before returning, as one group commit. Idempotent: storing the same (caseId, attempt)
     * again keeps the first when the two meet on reading.
     */
    void putAll(RunKey run, List<CaseResult> results) throws IOException;

    /**
     * Every readable stored result of the run, every attempt, ordered by case id and attempt.
     *
     * @param unreadable told about each piece of stored data that could not be read (it is skipped)
     */
    List<CaseResult> list(RunKey run, Consumer<String> unreadable) throws IOException;

    /** Forgets a run's results. */
    void delete(RunKey run) throws IOException;
}
