package dev.itf.operator.results;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The operator's result store, chosen by itf.results.store (chart value results.store): files under itf.results.dir
 * (default; a volume the chart backs with a PersistentVolumeClaim), PostgreSQL or S3. A misconfigured store stops the
 * operator at start-up with a message naming the value; a store that is down does not (it delays results).
 */
@ApplicationScoped
public class ResultStoreProducer {
    private static final Logger LOG = Logger.getLogger(ResultStoreProducer.class);

    @Produces
    @Singleton  // a record or final class cannot sit behind a client proxy
    ResultStore store() {
        return new ResultStoreSettings(name -> ConfigProvider.getConfig().getOptionalValue(name, String.class)).store();
    }

    /** Builds the store at start-up, so a misconfiguration is told before the first result arrives. */
    void check(@Observes StartupEvent event, ResultStore store) {
        LOG.infof("results are stored in %s", store.describe());
    }
}
