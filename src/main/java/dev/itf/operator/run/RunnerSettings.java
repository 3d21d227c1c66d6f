package dev.itf.operator.run;

import java.util.List;

/**
 * How a run's objects are made: the ITF image of the runner Jobs, where the operator's results endpoint is, and the
 * Pod Security level of run namespaces.
 *
 * @param image the ITF image (itf.runner.image)
 * @param operatorUrl base URL under which runner pods reach the operator (itf.operator.url)
 * @param podSecurity Pod Security Standard enforced in run namespaces (itf.run-namespaces.pod-security); null means baseline
 */
public record RunnerSettings(String image, String operatorUrl, String podSecurity) {
    public static final List<String> POD_SECURITY_LEVELS = List.of("privileged", "baseline", "restricted");
    public static final String DEFAULT_POD_SECURITY = "baseline";

    public RunnerSettings {
        if (podSecurity == null || podSecurity.isBlank()) {
            podSecurity = DEFAULT_POD_SECURITY;
        }
        if (!POD_SECURITY_LEVELS.contains(podSecurity)) {
            throw new IllegalArgumentException("itf.run-namespaces.pod-security (ITF_RUN_NAMESPACES_POD_SECURITY, chart value "
                    + "runNamespaces.podSecurity) is \"" + podSecurity + "\"; use one of " + String.join(", ", POD_SECURITY_LEVELS));
        }
    }

    public String resultsUrl(String namespace, String run) {
        return stripSlash(operatorUrl) + "/api/v1/results/" + namespace + "/" + run;
    }

    /** The run's page in the dashboard; asked for JSON, it answers as GET /api/v1/reports/NAMESPACE/RUN. */
    public String reportUrl(String namespace, String run) {
        return stripSlash(operatorUrl) + "/dashboard/runs/" + namespace + "/" + run;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
