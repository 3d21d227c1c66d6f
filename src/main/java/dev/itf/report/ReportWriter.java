package dev.itf.report;

import dev.itf.results.RunResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Writes a run's reports in the chosen formats into a directory. */
public final class ReportWriter {

    private ReportWriter() {
    }

    /** The files written, in the order of formats. */
    public static List<Path> write(RunResult result, Path directory, Set<ReportFormat> formats) throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        for (ReportFormat f : formats) {
            Path file = directory.resolve(f.fileName);
            switch (f) {
                case JUNIT -> JunitReport.write(result, file);
                case JSON -> JsonReport.write(result, file);
            }
            written.add(file);
        }
        return written;
    }
}
