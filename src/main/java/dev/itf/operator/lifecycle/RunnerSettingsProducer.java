package dev.itf.operator.lifecycle;

import dev.itf.operator.run.RunnerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The runner settings from configuration: itf.runner.image, itf.operator.url, itf.run-namespaces.pod-security. */
@ApplicationScoped
public class RunnerSettingsProducer {

    @Produces
    @Singleton  // a record or final class cannot sit behind a client proxy
    RunnerSettings settings(@ConfigProperty(name = "itf.runner.image", defaultValue = "itf:latest") String image,
                            @ConfigProperty(name = "itf.operator.url", defaultValue = "http://itf-operator.itf-system.svc:8080") String url,
                            @ConfigProperty(name = "itf.run-namespaces.pod-security", defaultValue = RunnerSettings.DEFAULT_POD_SECURITY)
                            String podSecurity) {
        return new RunnerSettings(image, url, podSecurity);
    }
}
