package dev.itf.runner;

import dev.itf.results.CaseResult;

/**
 * Told about every case as it finishes (its final attempt), from the thread that ran it, so several calls may
 * overlap. A listener must not throw: an exception it throws is dropped so one listener cannot stop the run.
 */
@FunctionalInterface
public interface CaseListener {
    void caseFinished(CaseResult result);
}
