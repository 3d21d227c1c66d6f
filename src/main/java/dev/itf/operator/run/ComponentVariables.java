package dev.itf.operator.run;

import dev.itf.api.Component;
import dev.itf.api.ComponentType;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a component publishes to suites as ${components.NAME.*}. A password never appears in a value: values hold
 * a $(VAR) reference that the kubelet expands from {@link #env()}, which reads the credentials Secret.
 */
public record ComponentVariables(String component, Map<String, String> values, List<EnvVar> env) {

    public static ComponentVariables of(Component c) {
        Map<String, String> v = new LinkedHashMap<>();
        List<EnvVar> env = new ArrayList<>();
        if (c.type == ComponentType.MANIFESTS) {
            return new ComponentVariables(c.name, v, env);
        }
        if (c.type == ComponentType.SERVICE) {
            v.put("host", c.name);
            if (!c.ports.isEmpty()) {
                int port = c.ports.get(0).port;
                v.put("port", String.valueOf(port));
                v.put("url", "http://" + c.name + ":" + port);
            }
            return new ComponentVariables(c.name, v, env);
        }
        Preset p = Preset.of(c.engine);
        String hostPort = c.name + ":" + p.port;
        v.put("host", c.name);
        v.put("port", String.valueOf(p.port));
        String userInfo = "";
        if (p.credentials) {
            String passwordVar = envName(c.name, "PASSWORD");
            env.add(new EnvVarBuilder().withName(passwordVar).withNewValueFrom()
                    .withNewSecretKeyRef("password", RunNames.credentialsSecret(c.name), false).endValueFrom().build());
            v.put("username", Preset.USERNAME);
            v.put("password", "$(" + passwordVar + ")");
            userInfo = Preset.USERNAME + ":$(" + passwordVar + ")@";
        }
        if (p.isDatabase()) {
            String db = p.database(c);
            v.put("database", db);
            v.put("jdbcUrl", "jdbc:" + p.scheme + "://" + hostPort + "/" + db);
            v.put("uri", p.scheme + "://" + userInfo + hostPort + "/" + db);
        } else {
            // no path: an AMQP URI ending in "/" names the empty virtual host, which RabbitMQ does not have
            v.put("uri", p.scheme + "://" + userInfo + hostPort);
        }
        v.put("url", v.get("uri"));
        return new ComponentVariables(c.name, v, env);
    }

    /** The --var arguments of the runner: components.NAME.KEY=VALUE. */
    public List<String> runnerArgs() {
        List<String> args = new ArrayList<>();
        values.forEach((k, val) -> {
            args.add("--var");
            args.add("components." + component + "." + k + "=" + val);
        });
        return args;
    }

    static String envName(String component, String key) {
        return ("ITF_COMPONENT_" + component + "_" + key).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
