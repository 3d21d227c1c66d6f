package dev.itf.operator.results;

import dev.itf.results.CaseResult;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Durable storage of case results, one per (run, caseId, attempt), and of the history of finished runs. Every method
 * either has done its work durably when it returns or throws an IOException: a store that is down delays, it never
 * loses what it acknowledged. Implementations: {@link FileResultStore}, {@link PostgresResultStore}, {@link S3ResultStore}.
 */
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

    /** Every stored result; data that cannot be read is logged and skipped. */
    default List<CaseResult> list(RunKey run) throws IOException {
        return list(run, problem -> Logger.getLogger(ResultStore.class).warnf("%s/%s: %s", run.namespace(), run.name(), problem));
    }

    /** Forgets a run's case results; its entry in the history stays (retention removes it). */
    void delete(RunKey run) throws IOException;

    /** The runs that have case results: for the operator to find results whose TestRun is gone. */
    List<RunKey> runs() throws IOException;

    /** Adds a finished run to the history, durably; recording the same run again changes nothing. */
    void recordFinished(FinishedRun run) throws IOException;

    /** Every finished run in the history, newest first. */
    List<FinishedRun> history() throws IOException;

    /** Forgets a run entirely: its case results and its entry in the history. */
    void forget(RunKey run) throws IOException;

    /** What the store is, for logs and messages: never a password or key. */
    String describe();
}
