package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One step of a case: exactly one action (http, graphql, publish, expectMessage, sql, redis, wait, security), its expectations and captures. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Step {
    @JsonPropertyDescription("Name of the step, shown in results; defaults to the action and its position.")
    public String name;

    @JsonPropertyDescription("Send an HTTP request.")
    public HttpAction http;

    @JsonPropertyDescription("Send a GraphQL query or mutation over HTTP.")
    public GraphqlAction graphql;

    @JsonPropertyDescription("Publish a message to a queue component (Kafka, RabbitMQ, NATS, MQTT).")
    public PublishAction publish;

    @JsonPropertyDescription("Expect messages on a queue component within a deadline; listening starts when the case starts.")
    public ExpectMessageAction expectMessage;

    @JsonPropertyDescription("Run a parameterised SQL query on a database component; rows become a JSON array of objects.")
    public SqlAction sql;

    @JsonPropertyDescription("Run a Redis command on a cache component; the reply becomes JSON.")
    public RedisAction redis;

    @JsonPropertyDescription("Pause for a duration.")
    public WaitAction wait;

    @JsonPropertyDescription("Run security checks against a service's endpoints; the step fails on any failed finding.")
    public SecurityAction security;
    @JsonPropertyDescription("Send one request many times, at an arrival rate or by virtual users, and judge latency thresholds.")
    public LoadAction load;

    @JsonPropertyDescription("Expectations checked against the step's response.")
    public Expect expect;

    @JsonPropertyDescription("Variables captured from the response: a JSONPath such as $.id, or header:NAME, status or body.")
    public Map<String, String> capture = new LinkedHashMap<>();

    /** The kinds of action a step can hold, in the order the fields are declared. */
    public static final List<String> ACTIONS = List.of("http", "graphql", "publish", "expectMessage", "sql", "redis", "wait", "security", "load");

    /** The names of the actions this step sets; a valid step sets exactly one. */
    @JsonIgnore
    public List<String> actions() {
        List<String> set = new ArrayList<>();
        if (http != null) set.add("http");
        if (graphql != null) set.add("graphql");
        if (publish != null) set.add("publish");
        if (expectMessage != null) set.add("expectMessage");
        if (sql != null) set.add("sql");
        if (redis != null) set.add("redis");
        if (wait != null) set.add("wait");
        if (security != null) set.add("security");
        if (load != null) set.add("load");
        return set;
    }

    /** The TLS options of the step's action (http, graphql or security), or null. */
    @JsonIgnore
    public TlsOptions tls() {
        return http != null ? http.tls : graphql != null ? graphql.tls : security != null ? security.tls : null;
    }

    /** The single action this step sets, or null when it sets none or several. */
    @JsonIgnore
    public String action() {
        List<String> set = actions();
        return set.size() == 1 ? set.get(0) : null;
    }
}
