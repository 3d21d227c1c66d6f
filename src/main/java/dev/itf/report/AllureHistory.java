package dev.itf.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itf.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * Allure's own history files (allure-results/history/), made from the suite's ITF history without the current run
 * (Allure adds that itself): per-case history by historyId and the run trends, newest first.
 */
final class AllureHistory {

    private final History history;
    private final String suite;

    AllureHistory(History history, String suite) {
        this.history = history;
        this.suite = suite;
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        int previous = history.runs.size() - 1;
        ArrayNode trend = Json.MAPPER.createArrayNode();
        ArrayNode durations = Json.MAPPER.createArrayNode();
        ArrayNode retries = Json.MAPPER.createArrayNode();
        for (int i = previous - 1; i >= 0; i--) {
            History.Run r = history.runs.get(i);
            ObjectNode t = trend.addObject();
            t.put("buildOrder", i + 1);
            t.put("reportName", suite);
            ObjectNode data = t.putObject("data");
            data.put("failed", r.failed);
            data.put("broken", r.errored);
            data.put("skipped", r.skipped);
            data.put("passed", r.passed);
            data.put("unknown", 0);
            data.put("total", r.total);
            ObjectNode d = durations.addObject();
            d.put("buildOrder", i + 1);
            d.putObject("data").put("duration", r.durationMs);
            ObjectNode rt = retries.addObject();
            rt.put("buildOrder", i + 1);
            rt.putObject("data").put("run", r.total).put("retry", r.flaky);
        }
        ObjectNode perCase = Json.MAPPER.createObjectNode();
        for (Map.Entry<String, String> c : history.cases.entrySet()) {
            ObjectNode entry = Json.MAPPER.createObjectNode();
            ObjectNode statistic = entry.putObject("statistic");
            int failed = 0;
            int broken = 0;
            int skipped = 0;
            int passed = 0;
            ArrayNode items = entry.putArray("items");
            for (int i = previous - 1; i >= 0; i--) {
                char letter = c.getValue().charAt(i);
                if (letter == '-') {
                    continue;
                }
                String status = switch (letter) {
                    case 'P', 'K' -> "passed";
                    case 'F' -> "failed";
                    case 'E' -> "broken";
                    default -> "skipped";
                };
                switch (status) {
                    case "passed" -> passed++;
                    case "failed" -> failed++;
                    case "broken" -> broken++;
                    default -> skipped++;
                }
                long start = AllureReport.epochMillis(history.runs.get(i).startedAt, 0);
                ObjectNode item = items.addObject();
                item.put("uid", UUID.nameUUIDFromBytes((suite + "." + c.getKey() + "@" + i + start).getBytes(StandardCharsets.UTF_8)).toString());
                item.put("status", status);
                item.putObject("time").put("start", start).put("stop", start).put("duration", 0);
            }
            if (items.isEmpty()) {
                continue;
            }
            statistic.put("failed", failed).put("broken", broken).put("skipped", skipped).put("passed", passed)
                    .put("unknown", 0).put("total", failed + broken + skipped + passed);
            perCase.set(AllureReport.historyId(suite, c.getKey()), entry);
        }
        Files.write(dir.resolve("history.json"), Json.MAPPER.writeValueAsBytes(perCase));
        Files.write(dir.resolve("history-trend.json"), Json.MAPPER.writeValueAsBytes(trend));
        Files.write(dir.resolve("duration-trend.json"), Json.MAPPER.writeValueAsBytes(durations));
        Files.write(dir.resolve("retry-trend.json"), Json.MAPPER.writeValueAsBytes(retries));
    }
}
