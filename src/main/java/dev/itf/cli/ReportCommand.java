package dev.itf.cli;

import dev.itf.report.JsonReport;
import dev.itf.report.ReportFormat;
import dev.itf.report.ReportWriter;
import dev.itf.results.RunMerge;
import dev.itf.results.RunResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Render reports from results files: itf report RESULTS.json... --out DIR.",
                "Several files of one suite (shards, reruns) become one report: the last attempt of each case wins,",
                "earlier attempts are kept, and a case that passed after failing is flaky.",
                "Exit code 0 when every case passed, 1 when a case failed or errored, 2 for bad input or usage."})
public class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RESULTS.json", description = "itf-results.json files of one suite (shards, reruns).")
    List<Path> files;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the reports go.")
    Path out;

    @Option(names = "--format", defaultValue = "html,pdf,allure,junit,sarif,json", paramLabel = "FORMATS",
            description = "Report formats: html, pdf, allure, junit, sarif, json (default all).")
    String format;

    @Option(names = "--history", paramLabel = "DIR",
            description = "Keep the suite's history (last 50 runs) here and add trends and flaky cases to the reports.")
    Path history;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<ReportFormat> formats;
        try {
            formats = ReportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            err.println("itf report: --format: " + e.getMessage());
            return ItfCommand.BAD_INPUT;
        }
        Map<Path, RunResult> runs = new LinkedHashMap<>();
        for (Path f : files) {
            try {
                runs.put(f, JsonReport.read(f));
            } catch (IOException e) {
                err.println("itf report: " + e.getMessage());
                return ItfCommand.BAD_INPUT;
            }
        }
        Map<String, List<Path>> bySuite = new LinkedHashMap<>();
        runs.forEach((f, r) -> bySuite.computeIfAbsent(String.valueOf(r.suite), k -> new ArrayList<>()).add(f));
        if (bySuite.size() > 1) {
            err.println("itf report: the results are of different suites (" + bySuite.entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue().stream().map(Path::toString).collect(Collectors.joining(", ")))
                    .collect(Collectors.joining("; ")) + "); give the results of one suite per report");
            return ItfCommand.BAD_INPUT;
        }
        RunResult merged = RunMerge.merge(new ArrayList<>(runs.values()));
        try {
            for (Path written : ReportWriter.write(merged, out, formats, history)) {
                stdout.println("report: " + written);
            }
        } catch (IOException e) {
            err.println("itf report: cannot write reports to " + out + (history == null ? "" : " (history " + history + ")")
                    + ": " + e.getMessage());
            return ItfCommand.BAD_INPUT;
        }
        var s = merged.summary;
        stdout.println(merged.suite + ": " + s.total + " cases, " + s.passed + " passed, " + s.failed + " failed, "
                + s.errored + " errored, " + s.skipped + " skipped, " + s.flaky + " flaky (" + runs.size() + " results file"
                + (runs.size() == 1 ? "" : "s") + ")");
        stdout.flush();
        return merged.succeeded() ? ItfCommand.OK : ItfCommand.FAILED;
    }
}
