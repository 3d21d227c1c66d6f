package dev.itf.operator.results;

import dev.itf.results.CaseResult;
import dev.itf.results.LoadShards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Results as files: ROOT/NAMESPACE/NAME/UID/CASE@ATTEMPT.json for one result, batch-TIME-ID.json (an array) for a
 * batch; the history of finished runs in ROOT/.history/NAMESPACE/UID.json. Each is written to a temporary file, forced
 * to disk and linked into place, so a crash leaves either the whole result or batch or none of it. Reading keeps the
 * first copy of each (caseId, attempt).
 */
public final class FileResultStore implements ResultStore {
    private static final Logger LOG = Logger.getLogger(FileResultStore.class);
    private static final String SUFFIX = ".json";
    private static final String BATCH_PREFIX = "batch-";
    /** Namespaces never start with a dot, so the history cannot meet a run's directory. */
    private static final String HISTORY = ".history";

    private final Path root;
    private final ObjectMapper json;

    public FileResultStore(Path root, ObjectMapper json) {
        this.root = root;
        this.json = json;
    }

    /** Stores one result; false when that (caseId, attempt), or that share of a sharded load, was stored before. */
    public boolean put(RunKey run, CaseResult result) throws IOException {
        check(result);
        Path dir = dir(run);
        Files.createDirectories(dir);
        Path target = dir.resolve(URLEncoder.encode(result.caseId, StandardCharsets.UTF_8) + "@" + result.attempt
                + (LoadShards.isShare(result) ? "-share" + result.shard : "") + SUFFIX);
        if (Files.exists(target)) {
            return false;
        }
        boolean created = commit(dir, json.writeValueAsBytes(result), target);
        forceDirectory(dir);
        return created;
    }

    /** One result in its own file; more in one batch file, so a batch costs one file and one directory sync. */
    @Override
    public void putAll(RunKey run, List<CaseResult> results) throws IOException {
        results.forEach(FileResultStore::check);
        if (results.size() == 1) {
            put(run, results.get(0));
            return;
        }
        if (results.isEmpty()) {
            return;
        }
        Path dir = dir(run);
        Files.createDirectories(dir);
        Path target = dir.resolve(BATCH_PREFIX + System.currentTimeMillis() + "-" + UUID.randomUUID() + SUFFIX);
        commit(dir, json.writeValueAsBytes(results), target);
        forceDirectory(dir);
    }

    /** Writes to a temporary file, forces it to disk and links it into place; false when the target existed. */
    private static boolean commit(Path dir, byte[] bytes, Path target) throws IOException {
        Path tmp = Files.createTempFile(dir, ".incoming-", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                // a hard link never replaces an existing file: when two pushes of one result race, the first stays
                Files.createLink(target, tmp);
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException e) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return true;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void check(CaseResult result) {
        if (result.caseId == null || result.caseId.isBlank() || result.attempt < 1) {
            throw new IllegalArgumentException("a result needs a caseId and an attempt of at least 1");
        }
    }

    @Override
    public List<CaseResult> list(RunKey run, Consumer<String> unreadable) throws IOException {
        Path dir = dir(run);
        if (!Files.exists(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
        Map<String, CaseResult> out = new LinkedHashMap<>();
        for (Path f : files) {
            try {
                JsonNode tree = json.readTree(f.toFile());
                for (JsonNode one : tree.isArray() ? tree : List.of(tree)) {
                    CaseResult r = json.treeToValue(one, CaseResult.class);
                    String problem = CaseResultBody.problem(r);
                    if (problem != null) {
                        unreadable.accept("stored result file " + f.getFileName() + " skipped: " + problem);
                        continue;
                    }
                    out.putIfAbsent(LoadShards.identity(r), r);
                }
            } catch (NoSuchFileException e) {
                // deleted while listing: the run is being forgotten
            } catch (IOException | RuntimeException e) {
                unreadable.accept("stored result file " + f.getFileName() + " skipped, it cannot be read: "
                        + CaseResultBody.firstLine(e.getMessage()));
            }
        }
        List<CaseResult> sorted = new ArrayList<>(out.values());
        sorted.sort(Comparator.comparing((CaseResult r) -> r.caseId).thenComparingInt(r -> r.attempt));
        return sorted;
    }

    @Override
    public void delete(RunKey run) throws IOException {
        Path dir = dir(run);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        deleteIfEmpty(dir.getParent());
        deleteIfEmpty(dir.getParent().getParent());
    }

    @Override
    public List<RunKey> runs() throws IOException {
        List<RunKey> runs = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return runs;
        }
        try (Stream<Path> s = Files.walk(root, 3)) {
            for (Path p : s.filter(Files::isDirectory).toList()) {
                Path rel = root.relativize(p);
                if (rel.getNameCount() == 3 && !rel.getName(0).toString().startsWith(".")) {
                    runs.add(new RunKey(decode(rel.getName(0)), decode(rel.getName(1)), decode(rel.getName(2))));
                }
            }
        }
        return runs;
    }

    @Override
    public void recordFinished(FinishedRun run) throws IOException {
        Path dir = root.resolve(HISTORY).resolve(encode(run.namespace()));
        Files.createDirectories(dir);
        Path target = dir.resolve(encode(run.uid()) + SUFFIX);
        if (!Files.exists(target)) {
            commit(dir, json.writeValueAsBytes(run), target);
            forceDirectory(dir);
        }
    }

    @Override
    public List<FinishedRun> history() throws IOException {
        Path dir = root.resolve(HISTORY);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<FinishedRun> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir, 2)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).toList()) {
                try {
                    out.add(json.readValue(f.toFile(), FinishedRun.class));
                } catch (NoSuchFileException e) {
                    // removed by retention while listing
                } catch (IOException | RuntimeException e) {
                    LOG.warnf("run history file %s skipped, it cannot be read: %s", f.getFileName(),
                            CaseResultBody.firstLine(e.getMessage()));
                }
            }
        }
        out.sort(FinishedRun.NEWEST_FIRST);
        return out;
    }

    @Override
    public void forget(RunKey run) throws IOException {
        delete(run);
        Path dir = root.resolve(HISTORY).resolve(encode(run.namespace()));
        Files.deleteIfExists(dir.resolve(encode(run.uid()) + SUFFIX));
        deleteIfEmpty(dir);
    }

    @Override
    public String describe() {
        return "filesystem " + root;
    }

    private Path dir(RunKey run) {
        return root.resolve(encode(run.namespace())).resolve(encode(run.name())).resolve(encode(run.uid()));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(Path p) {
        return URLDecoder.decode(p.toString(), StandardCharsets.UTF_8);
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            if (s.findAny().isEmpty()) {
                Files.deleteIfExists(dir);
            }
        } catch (NoSuchFileException | java.nio.file.DirectoryNotEmptyException ignored) {
            // another run's results arrived in the meantime, or it is already gone
        }
    }

    /** Makes the rename itself durable: the directory entry is data too. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // some file systems cannot open a directory for reading; the rename is still atomic there
        }
    }
}
