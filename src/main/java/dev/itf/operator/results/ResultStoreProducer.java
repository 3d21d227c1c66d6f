package dev.itf.operator.results;

import dev.itf.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;

/** The operator's result store: files under itf.results.dir, a volume the chart backs with a PersistentVolumeClaim. */
@ApplicationScoped
public class ResultStoreProducer {

    @Produces
    @Singleton  // a record or final class cannot sit behind a client proxy
    FileResultStore store(@ConfigProperty(name = "itf.results.dir", defaultValue = "/var/lib/itf/results") String dir) {
        return new FileResultStore(Path.of(dir), Json.MAPPER);
    }
}
