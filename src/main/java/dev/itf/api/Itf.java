package dev.itf.api;

/** Constants of the itf.dev API: group, version and the labels and annotations ITF puts on objects. */
public final class Itf {
    public static final String GROUP = "itf.dev";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    /** The kinds of the API, as users write them. */
    public static final java.util.List<String> KINDS = java.util.List.of("TestSuite", "TestEnvironment", "TestRun", "TestSchedule");

    /** A compliance control, PROFILE:CONTROL, e.g. owasp-api-2023:API1 or hipaa:164.312(e)(1). */
    public static final String CONTROL_PATTERN = "^[a-z0-9][a-z0-9.-]*:[^\\s]+$";
    /** Pattern of a duration such as 500ms, 30s, 5m, 1h30m. */
    public static final String DURATION_PATTERN = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";
    /** DNS-1035 label: what a component name must be, since it becomes a Service name. */
    public static final String DNS1035_PATTERN = "^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$";
    /** DNS-1123 subdomain: what an object name may be. */
    public static final String DNS1123_SUBDOMAIN_PATTERN = "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$";

    public static final String LABEL_RUN = GROUP + "/run";
    public static final String LABEL_RUN_NAMESPACE = GROUP + "/run-namespace";
    public static final String LABEL_COMPONENT = GROUP + "/component";
    public static final String LABEL_SHARD = GROUP + "/shard";
    /** On runs a TestSchedule started: the schedule's name. */
    public static final String LABEL_SCHEDULE = GROUP + "/schedule";
    /** On runs a TestSchedule started: the ticks and rollouts that started it. */
    public static final String ANNOTATION_TRIGGER = GROUP + "/trigger";
    /** On the operator's namespace (value "true"): run NetworkPolicies admit the operator's pods only from there. */
    public static final String LABEL_OPERATOR_NAMESPACE = GROUP + "/operator-namespace";
    public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "itf";

    private Itf() {
    }
}
