package dev.itf.results;

/** Case results for tests. */
public final class CaseResults {
    private CaseResults() {
    }

    public static CaseResult result(String id, int attempt, Outcome outcome, String message) {
        CaseResult r = new CaseResult();
        r.caseId = id;
        r.title = "case " + id;
        r.attempt = attempt;
        r.outcome = outcome;
        r.message = message;
        return r;
    }
}
