package dev.itf.results;

import dev.itf.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

/**
 * The summary a runner leaves in its container's termination message (at most 4 KiB), from which the operator
 * completes a run whose pushed results did not arrive.
 */
public final class TerminationMessage {
    public static final int MAX_BYTES = 4096;
    /** Where `itf run` writes the message; a runner Job sets it to the container's terminationMessagePath. */
    public static final String ENV_PATH = "ITF_TERMINATION_LOG";
    /** Marks the summary in the message, which may also hold the end of the log. */
    static final String KIND = "itf.dev/shard-summary";

    public String kind = KIND;
    public int shard;
    public ResultSummary summary;

    private static final ObjectMapper JSON = Json.MAPPER;

    public static TerminationMessage of(int shard, Collection<CaseResult> results) {
        TerminationMessage m = new TerminationMessage();
        m.shard = shard;
        m.summary = ResultSummary.of(results, 20);
        return m;
    }

    /** Compact JSON under 4 KiB: failures are shortened, then dropped, until it fits. */
    public String render() {
        try {
            String out = JSON.writeValueAsString(this);
            int messageLength = ResultSummary.MAX_MESSAGE;
            while (out.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
                if (messageLength > 60) {
                    messageLength /= 2;
                    for (dev.itf.api.TestRunStatus.Failure f : summary.failures) {
                        f.message = ResultSummary.cut(f.message, messageLength);
                        f.title = ResultSummary.cut(f.title, messageLength);
                    }
                } else {
                    summary.failures.remove(summary.failures.size() - 1);
                }
                out = JSON.writeValueAsString(this);
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a summary is always serialisable", e);
        }
    }

    public void write(Path path) throws IOException {
        Files.writeString(path, render());
    }

    /** The summary in a termination message, or empty when the message holds none (e.g. the runner crashed). */
    public static Optional<TerminationMessage> parse(String message) {
        if (message == null || !message.contains(KIND)) {
            return Optional.empty();
        }
        int start = message.indexOf('{');
        int end = message.lastIndexOf('}');
        if (start < 0 || end < start) {
            return Optional.empty();
        }
        try {
            TerminationMessage m = JSON.readValue(message.substring(start, end + 1), TerminationMessage.class);
            return KIND.equals(m.kind) && m.summary != null ? Optional.of(m) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
