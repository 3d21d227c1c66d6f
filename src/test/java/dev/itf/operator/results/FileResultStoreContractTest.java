package dev.itf.operator.results;

import dev.itf.json.Json;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class FileResultStoreContractTest extends ResultStoreContract {
    @TempDir
    Path root;

    @Override
    ResultStore store() {
        return new FileResultStore(root, Json.MAPPER);
    }
}
