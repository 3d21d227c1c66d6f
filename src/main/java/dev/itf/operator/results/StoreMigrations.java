package dev.itf.operator.results;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The PostgreSQL store's Flyway migrations, named here and read from the class path one by one: no class-path scan,
 * which depends on how the application's jars are laid out. A test checks that the list names every file of the
 * directory.
 */
final class StoreMigrations implements ResourceProvider {
    static final String DIRECTORY = "db/itf-results";
    /** In order; add a new migration's file here. */
    static final List<String> FILES = List.of("V1__results_and_history.sql", "V2__load_shares.sql");

    @Override
    public LoadableResource getResource(String name) {
        return resources().stream().filter(r -> r.getFilename().equals(name) || r.getRelativePath().equals(name)).findFirst().orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return resources().stream()
                .filter(r -> r.getFilename().startsWith(prefix) && Arrays.stream(suffixes).anyMatch(r.getFilename()::endsWith))
                .toList();
    }

    private static List<LoadableResource> resources() {
        return FILES.stream().map(Migration::new).map(LoadableResource.class::cast).toList();
    }

    private static final class Migration extends LoadableResource {
        private final String file;

        Migration(String file) {
            this.file = file;
        }

        @Override
        public Reader read() {
            InputStream in = StoreMigrations.class.getClassLoader().getResourceAsStream(DIRECTORY + "/" + file);
            if (in == null) {
                throw new FlywayException("migration " + DIRECTORY + "/" + file + " is missing from the class path");
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return DIRECTORY + "/" + file;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return getAbsolutePath();
        }

        @Override
        public String getFilename() {
            return file;
        }

        @Override
        public String getRelativePath() {
            return file;
        }
    }
}
