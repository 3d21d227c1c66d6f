package dev.itf.operator.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itf.results.CaseResult;
import dev.itf.results.LoadShards;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Results and the run history as objects in a bucket of any S3-compatible store: PREFIX/results/NAMESPACE/NAME/UID/
 * TIME-ID-CASE@ATTEMPT.json for one result (with its step logs), .../TIME-ID-batch.json for a batch (an array),
 * PREFIX/history/NAMESPACE/UID.json for a finished run. A PUT that S3 answered has stored the object durably; reading keeps the first copy of
 * each (caseId, attempt), as the file store does.
 */
public final class S3ResultStore implements ResultStore {
    private static final String SUFFIX = ".json";

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String endpoint;
    private final ObjectMapper json;

    /**
     * @param prefix   prepended to every key ("" or ending in /)
     * @param endpoint for messages only: where the bucket is
     */
    public S3ResultStore(S3Client s3, String bucket, String prefix, String endpoint, ObjectMapper json) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null || prefix.isEmpty() || prefix.endsWith("/") ? (prefix == null ? "" : prefix) : prefix + "/";
        this.endpoint = endpoint;
        this.json = json;
    }

    @Override
    public void putAll(RunKey run, List<CaseResult> results) throws IOException {
        for (CaseResult r : results) {
            if (r.caseId == null || r.caseId.isBlank() || r.attempt < 1) {
                throw new IllegalArgumentException("a result needs a caseId and an attempt of at least 1");
            }
        }
        if (results.isEmpty()) {
            return;
        }
        // S3 has no create-if-absent that every compatible store knows: each write is a new object, named by time
        // first so that keys list in the order they were written and the first copy of a result wins on reading
        String key = runPrefix(run) + String.format("%015d", System.currentTimeMillis()) + "-" + UUID.randomUUID()
                + (results.size() == 1 ? "-" + encode(results.get(0).caseId) + "@" + results.get(0).attempt : "-batch") + SUFFIX;
        put(key, json.writeValueAsBytes(results.size() == 1 ? results.get(0) : results));
    }

    @Override
    public List<CaseResult> list(RunKey run, Consumer<String> unreadable) throws IOException {
        Map<String, CaseResult> out = new LinkedHashMap<>();
        for (String key : keys(runPrefix(run))) {
            String name = key.substring(key.lastIndexOf('/') + 1);
            byte[] bytes = get(key);
            if (bytes == null) {
                continue;
            }
            try {
                JsonNode tree = json.readTree(bytes);
                for (JsonNode one : tree.isArray() ? tree : List.of(tree)) {
                    CaseResult r = json.treeToValue(one, CaseResult.class);
                    String problem = CaseResultBody.problem(r);
                    if (problem != null) {
                        unreadable.accept("stored result object " + name + " skipped: " + problem);
                        continue;
                    }
                    out.putIfAbsent(LoadShards.identity(r), r);
                }
            } catch (IOException | RuntimeException e) {
                unreadable.accept("stored result object " + name + " skipped, it cannot be read: " + CaseResultBody.firstLine(e.getMessage()));
            }
        }
        List<CaseResult> sorted = new ArrayList<>(out.values());
        sorted.sort(Comparator.comparing((CaseResult r) -> r.caseId).thenComparingInt(r -> r.attempt));
        return sorted;
    }

    @Override
    public void delete(RunKey run) throws IOException {
        deleteAll(keys(runPrefix(run)));
    }

    @Override
    public List<RunKey> runs() throws IOException {
        Set<RunKey> out = new LinkedHashSet<>();
        String results = prefix + "results/";
        for (String key : keys(results)) {
            String[] parts = key.substring(results.length()).split("/");
            if (parts.length == 4) {
                out.add(new RunKey(decode(parts[0]), decode(parts[1]), decode(parts[2])));
            }
        }
        return new ArrayList<>(out);
    }

    @Override
    public void recordFinished(FinishedRun run) throws IOException {
        put(historyKey(run.key()), json.writeValueAsBytes(run));
    }

    @Override
    public List<FinishedRun> history() throws IOException {
        List<FinishedRun> out = new ArrayList<>();
        for (String key : keys(prefix + "history/")) {
            byte[] bytes = get(key);
            if (bytes != null) {
                try {
                    out.add(json.readValue(bytes, FinishedRun.class));
                } catch (IOException | RuntimeException e) {
                    org.jboss.logging.Logger.getLogger(S3ResultStore.class).warnf("run history object %s skipped, it cannot be read: %s",
                            key, CaseResultBody.firstLine(e.getMessage()));
                }
            }
        }
        out.sort(FinishedRun.NEWEST_FIRST);
        return out;
    }

    @Override
    public void forget(RunKey run) throws IOException {
        List<String> keys = new ArrayList<>(keys(runPrefix(run)));
        keys.add(historyKey(run));
        deleteAll(keys);
    }

    @Override
    public String describe() {
        return "s3 bucket " + bucket + (endpoint == null || endpoint.isEmpty() ? "" : " at " + endpoint)
                + (prefix.isEmpty() ? "" : " prefix " + prefix);
    }

    private String runPrefix(RunKey run) {
        return prefix + "results/" + encode(run.namespace()) + "/" + encode(run.name()) + "/" + encode(run.uid()) + "/";
    }

    private String historyKey(RunKey run) {
        return prefix + "history/" + encode(run.namespace()) + "/" + encode(run.uid()) + SUFFIX;
    }

    private void put(String key, byte[] bytes) throws IOException {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw unavailable(e);
        }
    }

    /** The object's bytes, or null when it was deleted in the meantime. */
    private byte[] get(String key) throws IOException {
        try {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            return null;
        } catch (SdkException e) {
            throw unavailable(e);
        }
    }

    /** Every key under the prefix, in S3's (lexicographic) order. */
    private List<String> keys(String under) throws IOException {
        try {
            List<String> out = new ArrayList<>();
            s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(under)).contents().stream().map(S3Object::key).forEach(out::add);
            return out;
        } catch (SdkException e) {
            throw unavailable(e);
        }
    }

    /** One DELETE per object: S3-compatible stores differ in the checksums a multi-object delete needs. */
    private void deleteAll(List<String> keys) throws IOException {
        try {
            for (String key : keys) {
                s3.deleteObject(b -> b.bucket(bucket).key(key));
            }
        } catch (SdkException e) {
            throw unavailable(e);
        }
    }

    private IOException unavailable(SdkException e) {
        return new IOException(describe() + ": " + CaseResultBody.firstLine(e.getMessage()), e);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
