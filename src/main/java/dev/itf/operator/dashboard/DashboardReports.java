package dev.itf.operator.dashboard;

import dev.itf.api.TestRun;
import dev.itf.operator.results.ResultStore;
import dev.itf.operator.results.ResultsResource;
import dev.itf.report.History;
import io.fabric8.kubernetes.client.KubernetesClient;
import dev.itf.report.ReportFormat;
import dev.itf.report.ReportWriter;
import dev.itf.results.RunResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A run's reports for the dashboard, rendered on request from the stored results through the same entry point as
 * {@code itf report} ({@link ReportWriter}), with the suite's history of the runs the operator still holds.
 */
@ApplicationScoped
public class DashboardReports {
    private final ResultStore store;
    private final KubernetesClient client;

    public DashboardReports(ResultStore store, KubernetesClient client) {
        this.store = store;
        this.client = client;
    }

    /** The name a download gets: the report's file, allure-results as a zip. */
    public static String fileName(ReportFormat f) {
        return f == ReportFormat.ALLURE ? f.fileName + ".zip" : f.fileName;
    }

    public static String mediaType(ReportFormat f) {
        return switch (f) {
            case JSON, SARIF -> "application/json";
            case JUNIT -> "application/xml";
            case HTML -> "text/html; charset=utf-8";
            case PDF -> "application/pdf";
            case ALLURE -> "application/zip";
        };
    }

    public RunResult result(TestRun run) throws IOException {
        return ResultsResource.report(run, store, ResultsResource.suiteOf(client, run));
    }

    /** The suite's history over the given finished runs, oldest first, each read from the store. */
    public History history(String suite, List<TestRun> finishedOldestFirst) throws IOException {
        History h = History.empty(suite);
        for (TestRun r : finishedOldestFirst) {
            h = h.with(ResultsResource.report(r, store, null)); // history needs no compliance: no API call per run
        }
        return h;
    }

    /** Writes the report of the run in one format to out. */
    public void write(RunResult result, History history, ReportFormat format, OutputStream out) throws IOException {
        Path dir = Files.createTempDirectory("itf-dashboard-report");
        try {
            ReportWriter.write(result, dir, EnumSet.of(format), history);
            Path file = dir.resolve(format.fileName);
            if (format == ReportFormat.ALLURE) {
                zip(file, out);
            } else {
                Files.copy(file, out);
            }
        } finally {
            delete(dir);
        }
    }

    private static void zip(Path dir, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(dir.getFileName() + "/" + dir.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, zip);
                zip.closeEntry();
            }
        }
        zip.finish();
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
