package dev.itf.operator.results;

import dev.itf.results.CaseResult;

import java.io.IOException;
import java.util.List;

/** Durable storage of case results, one per (run, caseId, attempt). */
public interface ResultStore {

    /**
     * Stores a result durably before returning. Idempotent: storing the same (caseId, attempt) again keeps the first.
     *
     * @return true when the result was new
     */
    boolean put(RunKey run, CaseResult result) throws IOException;

    /** Every stored result of the run, every attempt, ordered by case id and attempt. */
    List<CaseResult> list(RunKey run) throws IOException;

    /** Forgets a run's results. */
    void delete(RunKey run) throws IOException;
}
