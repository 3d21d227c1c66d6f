package dev.itf.report;

import dev.itf.json.Json;
import dev.itf.results.RunResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a run's reports in the chosen formats into a directory: the one entry point for {@code itf run},
 * {@code itf report} and the operator. Give it one run (merge shards and reruns first with
 * {@link dev.itf.results.RunMerge}) and, for trends and flaky cases, the suite's history.
 */
public final class ReportWriter {

    /** Written next to itf-results.json when the run holds a compliance report. */
    public static final String COMPLIANCE_FILE = "compliance.json";

    private ReportWriter() {
    }

    /** The files written, in the order of formats. */
    public static List<Path> write(RunResult result, Path directory, Set<ReportFormat> formats) throws IOException {
        return write(result, directory, formats, (History) null);
    }

    /**
     * Adds the run to the suite's history kept under historyDirectory (DIR/SUITE/history.json), writes the reports
     * with its trends and flaky cases, then saves the history. A null historyDirectory writes them without one.
     */
    public static List<Path> write(RunResult result, Path directory, Set<ReportFormat> formats, Path historyDirectory) throws IOException {
        if (historyDirectory == null) {
            return write(result, directory, formats, (History) null);
        }
        History history = History.load(historyDirectory, result.suite).with(result);
        List<Path> written = write(result, directory, formats, history);
        history.save(historyDirectory);
        return written;
    }

    /** The reports of a run; history, when given, already holds the run as its newest entry. */
    public static List<Path> write(RunResult result, Path directory, Set<ReportFormat> formats, History history) throws IOException {
        Files.createDirectories(directory);
        RunDigest digest = new RunDigest(result, history);
        List<Path> written = new ArrayList<>();
        for (ReportFormat f : formats) {
            Path file = directory.resolve(f.fileName);
            switch (f) {
                case JUNIT -> JunitReport.write(result, file);
                case JSON -> {
                    JsonReport.write(result, file);
                    if (result.compliance != null) {
                        Path compliance = directory.resolve(COMPLIANCE_FILE);
                        Files.write(compliance, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(result.compliance));
                        written.add(compliance);
                    }
                }
                case ALLURE -> {
                    deleteTree(file);
                    AllureReport.write(digest, file);
                }
                case HTML -> HtmlReport.write(digest, file);
                case PDF -> PdfSummary.write(digest, file);
                case SARIF -> SarifReport.write(digest, file);
            }
            written.add(file);
        }
        return written;
    }

    /** allure-results of an earlier report in the same place would add stale attempts to this one. */
    private static void deleteTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
