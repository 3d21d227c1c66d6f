package dev.itf.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The cluster {@code itf submit} talks to, found the way the fabric8 client (and kubectl) find it: {@code --kubeconfig}
 * when given, otherwise {@code KUBECONFIG}, {@code ~/.kube/config}, then the pod's service account in a cluster.
 *
 * @param config    the resolved client configuration
 * @param namespace the namespace to work in: {@code -n}, else the context's, else the service account's, else default
 */
record Kubeconfig(Config config, String namespace) {

    /** Overrides the bearer token the reports API is called with, for kubeconfigs that authenticate with a client certificate. */
    static final String TOKEN_ENV = "ITF_TOKEN";

    static Kubeconfig resolve(Path file, String context, String namespace) throws InputException {
        Config config;
        if (file != null) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InputException("--kubeconfig " + file + ": cannot read the file: " + e.getMessage());
            }
            try {
                config = Config.fromKubeconfig(context, text, file.toAbsolutePath().toString());
            } catch (RuntimeException e) {
                throw new InputException("--kubeconfig " + file + ": not a usable kubeconfig: " + e.getMessage());
            }
        } else {
            try {
                config = Config.autoConfigure(context);
            } catch (RuntimeException e) {
                throw new InputException("no usable kubeconfig (KUBECONFIG, ~/.kube/config or a service account): " + e.getMessage());
            }
        }
        if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
            throw new InputException("no cluster: set KUBECONFIG, pass --kubeconfig, or run in a pod with a service account");
        }
        // a CI job should hear soon that the cluster is away; the wait loop keeps trying on its own until --timeout
        config.setRequestRetryBackoffLimit(3);
        String ns = namespace != null && !namespace.isBlank() ? namespace
                : config.getNamespace() != null && !config.getNamespace().isBlank() ? config.getNamespace() : "default";
        return new Kubeconfig(config, ns);
    }

    KubernetesClient client() {
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /**
     * The caller's own bearer token: ITF_TOKEN when set, else the kubeconfig's token (static, from an exec plugin or
     * an auth provider) or the service account's. Empty for a kubeconfig that authenticates with a client certificate.
     */
    Optional<String> bearerToken(Function<String, String> environment) {
        String override = environment.apply(TOKEN_ENV);
        if (override != null && !override.isBlank()) {
            return Optional.of(override.trim());
        }
        String token = config.getOauthToken();
        if (token == null || token.isBlank()) {
            token = config.getAutoOAuthToken();
        }
        if ((token == null || token.isBlank()) && config.getOauthTokenProvider() != null) {
            token = config.getOauthTokenProvider().getToken();
        }
        return token == null || token.isBlank() ? Optional.empty() : Optional.of(token);
    }
}
