package dev.itf.operator.dashboard;

import dev.itf.report.Charts;
import dev.itf.report.History;
import io.quarkus.qute.RawString;

import java.util.List;

/** A suite's page: its runs in a namespace, newest first, pass rate and duration trends and its flaky cases. */
public record SuitePage(String namespace, String suite, List<RunRow> runs, RawString passRate, RawString duration,
                        List<Flaky> flaky) {

    /** A flaky case and its outcome per run, oldest first (P passed, K passed on a retry, F, E, S, - not run). */
    public record Flaky(String caseId, List<Cell> history) {
    }

    public record Cell(String letter, String outcome) {
    }

    /** Whether there is enough history for trend charts. */
    public boolean trends() {
        return !passRate.getValue().isEmpty();
    }

    static SuitePage of(String namespace, String suite, List<RunRow> runs, History history) {
        List<Flaky> flaky = history.flakyCases().stream().map(id -> new Flaky(id, history.cases.get(id).chars()
                .mapToObj(ch -> new Cell(String.valueOf((char) ch), outcome((char) ch))).toList())).toList();
        return new SuitePage(namespace, suite, runs, new RawString(Charts.passRate(history)), new RawString(Charts.duration(history)), flaky);
    }

    private static String outcome(char letter) {
        return switch (letter) {
            case 'P' -> "passed";
            case 'K' -> "flaky";
            case 'F' -> "failed";
            case 'E' -> "errored";
            case 'S' -> "skipped";
            default -> "none";
        };
    }
}
