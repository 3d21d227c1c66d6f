package dev.itf.report;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The report formats {@code itf run --format} and {@code itf report --format} write, and the file (or directory) each goes to. */
public enum ReportFormat {
    JUNIT("junit", "junit.xml"),
    JSON("json", "itf-results.json"),
    ALLURE("allure", "allure-results"),
    HTML("html", "report.html"),
    PDF("pdf", "summary.pdf"),
    SARIF("sarif", "itf.sarif");

    public final String id;
    public final String fileName;

    ReportFormat(String id, String fileName) {
        this.id = id;
        this.fileName = fileName;
    }

    /** Parses "junit,json,html"; an unknown name throws naming the supported ones. */
    public static Set<ReportFormat> parse(String list) {
        Set<ReportFormat> formats = new LinkedHashSet<>();
        for (String raw : list.split(",")) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            formats.add(Arrays.stream(values()).filter(f -> f.id.equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown report format \"" + raw.trim() + "\": supported formats are "
                            + Arrays.stream(values()).map(f -> f.id).collect(Collectors.joining(", ")))));
        }
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("no report format given: supported formats are "
                    + Arrays.stream(values()).map(f -> f.id).collect(Collectors.joining(", ")));
        }
        return formats;
    }
}
