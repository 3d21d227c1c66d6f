package dev.itf.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.itf.json.Json;
import dev.itf.results.CaseResult;
import dev.itf.results.Outcome;
import dev.itf.results.RunResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A suite's last runs (at most {@link #MAX_RUNS}): counts and duration of each, and per case one letter per run
 * (P passed, K passed on a retry, F failed, E errored, S skipped, - not run). Trends and flaky-case detection in the
 * reports come from it. Kept as DIR/SUITE/history.json by {@code itf report --history DIR}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class History {
    public static final int MAX_RUNS = 50;
    static final String FILE = "history.json";

    public String suite;
    /** Oldest first. */
    public List<Run> runs = new ArrayList<>();
    /** Case id to one outcome letter per entry of runs. */
    public Map<String, String> cases = new LinkedHashMap<>();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Run {
        public String startedAt;
        public long durationMs;
        public int total;
        public int passed;
        public int failed;
        public int errored;
        public int skipped;
        public int flaky;

        /** passed / (total - skipped); null when nothing ran. */
        @JsonIgnore
        public Double passRate() {
            return RunDigest.passRate(passed, total - skipped);
        }
    }

    public static History empty(String suite) {
        History h = new History();
        h.suite = suite;
        return h;
    }

    /** The history read from DIR/SUITE/history.json, empty when there is none yet. */
    public static History load(Path directory, String suite) throws IOException {
        Path file = file(directory, suite);
        if (!Files.exists(file)) {
            return empty(suite);
        }
        try {
            History h = Json.MAPPER.readValue(file.toFile(), History.class);
            h.suite = suite;
            return h;
        } catch (IOException e) {
            throw new IOException(file + " is not an ITF history file (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    /** Writes DIR/SUITE/history.json through a temporary file, so a crash leaves the old history whole. */
    public void save(Path directory) throws IOException {
        Path file = file(directory, suite);
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".history-", ".tmp");
        Files.write(tmp, Json.MAPPER.writeValueAsBytes(this));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Path file(Path directory, String suite) {
        String name = suite == null || suite.isBlank() ? "suite" : suite.replaceAll("[^A-Za-z0-9._-]", "_");
        return directory.resolve(name).resolve(FILE);
    }

    /** This history with the run added as its newest entry, the oldest dropped beyond {@link #MAX_RUNS}. */
    public History with(RunResult result) {
        History h = empty(suite);
        h.runs.addAll(runs);
        Run r = new Run();
        r.startedAt = result.startedAt;
        r.durationMs = result.durationMs;
        r.total = result.summary.total;
        r.passed = result.summary.passed;
        r.failed = result.summary.failed;
        r.errored = result.summary.errored;
        r.skipped = result.summary.skipped;
        r.flaky = result.summary.flaky;
        h.runs.add(r);
        int before = runs.size();
        cases.forEach((id, letters) -> h.cases.put(id, letters + "-"));
        for (CaseResult c : result.cases) {
            String earlier = cases.getOrDefault(c.caseId, "-".repeat(before));
            h.cases.put(c.caseId, earlier + letter(c));
        }
        int drop = h.runs.size() - MAX_RUNS;
        if (drop > 0) {
            h.runs = new ArrayList<>(h.runs.subList(drop, h.runs.size()));
            h.cases.replaceAll((id, letters) -> letters.substring(drop));
        }
        h.cases.values().removeIf(letters -> letters.chars().allMatch(ch -> ch == '-'));
        return h;
    }

    static char letter(CaseResult c) {
        if (c.outcome == Outcome.PASSED) {
            return c.flaky ? 'K' : 'P';
        }
        return c.outcome == Outcome.FAILED ? 'F' : c.outcome == Outcome.ERRORED ? 'E' : 'S';
    }

    /**
     * Cases that look flaky over these runs: passed only on a retry at least once, or went between passing and
     * failing at least twice (one change alone is a regression or a fix).
     */
    public List<String> flakyCases() {
        List<String> flaky = new ArrayList<>();
        cases.forEach((id, letters) -> {
            if (letters.indexOf('K') >= 0 || changes(letters) >= 2) {
                flaky.add(id);
            }
        });
        return flaky;
    }

    /** How often a case went from passing to failing or back, skipped and missing runs left out. */
    static int changes(String letters) {
        int changes = 0;
        Boolean last = null;
        for (char ch : letters.toCharArray()) {
            if (ch == 'S' || ch == '-') {
                continue;
            }
            boolean passed = ch == 'P' || ch == 'K';
            if (last != null && last != passed) {
                changes++;
            }
            last = passed;
        }
        return changes;
    }
}
