package dev.itf.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.api.AuthProfile;
import dev.itf.api.Component;
import dev.itf.api.ComponentType;
import dev.itf.api.Expect;
import dev.itf.api.ExpectMessageAction;
import dev.itf.api.GraphqlAction;
import dev.itf.api.HttpAction;
import dev.itf.api.JsonPathExpectation;
import dev.itf.api.PublishAction;
import dev.itf.api.RedisAction;
import dev.itf.api.SecretKeyRef;
import dev.itf.api.SqlAction;
import dev.itf.api.Step;
import dev.itf.api.SuiteDefaults;
import dev.itf.api.TestCase;
import dev.itf.api.TestEnvironment;
import dev.itf.api.TestSuite;
import dev.itf.api.TestSuiteSpec;
import dev.itf.api.ValueMatcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a TestSuite: everything its schema says, and what a schema cannot (unique ids, auth names, templates, ...). */
public final class SuiteValidator {

    private static final Pattern CASE_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.:-]*$");
    private static final Pattern VARIABLE_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_-]*$");
    private static final Pattern STATUS_CLASS = Pattern.compile("^[1-5]xx$");
    private static final Map<String, ComponentType> ACTION_COMPONENT_TYPE = Map.of(
            "publish", ComponentType.QUEUE, "expectMessage", ComponentType.QUEUE,
            "sql", ComponentType.DATABASE, "redis", ComponentType.CACHE);
    private static final Map<String, List<String>> ACTION_URI_SCHEMES = Map.of(
            "publish", List.of("amqp", "amqps", "kafka", "nats", "mqtt", "mqtts"),
            "expectMessage", List.of("amqp", "amqps", "kafka", "nats", "mqtt", "mqtts"),
            "sql", List.of("postgresql", "postgres", "mysql", "mariadb"),
            "redis", List.of("redis", "rediss"));

    private SuiteValidator() {
    }

    /** Problems of the suite on its own; an empty list when it is valid. */
    public static List<Problem> validate(TestSuite suite) {
        ProblemList problems = new ProblemList();
        problems.metadata(suite);
        if (problems.required("spec", suite.getSpec())) {
            problems.addAll(validateSpec(suite.getSpec()));
        }
        return problems.toList();
    }

    /** Problems of a suite spec; paths start with {@code spec.}. */
    public static List<Problem> validateSpec(TestSuiteSpec spec) {
        ProblemList problems = new ProblemList();
        if (spec.variables != null) {
            spec.variables.forEach((name, value) -> {
                if (!VARIABLE_NAME.matcher(name).matches()) {
                    problems.add("spec.variables." + name, "\"" + name + "\" is not a valid variable name: letters, digits, _ and -, not starting with a digit");
                }
                problems.template("spec.variables." + name, value);
            });
        }
        Map<String, AuthProfile> auth = spec.auth == null ? Map.of() : spec.auth;
        auth.forEach((name, profile) -> authProfile(problems, "spec.auth." + name, name, profile));
        defaults(problems, spec.defaults);
        if (problems.required("spec.cases", spec.cases)) {
            Map<String, Integer> ids = new HashMap<>();
            for (int i = 0; i < spec.cases.size(); i++) {
                String path = "spec.cases[" + i + "]";
                TestCase c = spec.cases.get(i);
                if (c == null) {
                    problems.add(path, "is empty");
                    continue;
                }
                if (c.id != null) {
                    Integer first = ids.putIfAbsent(c.id, i);
                    if (first != null) {
                        problems.add(path + ".id", "duplicate case id \"" + c.id + "\" (also spec.cases[" + first + "].id)");
                    }
                }
                testCase(problems, path, c, auth.keySet());
            }
        }
        SecurityValidator.validate(problems, spec);
        DataValidator.validate(problems, spec);
        return problems.toList();
    }

    /**
     * Problems of the suite against the environment it will run in: every component a step or a
     * {@code ${components.NAME...}} template names must be a component of the environment, of the right type.
     */
    public static List<Problem> validateAgainst(TestSuite suite, TestEnvironment environment) {
        ProblemList problems = new ProblemList();
        if (suite.getSpec() == null || environment.getSpec() == null) {
            return problems.toList();
        }
        Map<String, Component> components = new HashMap<>();
        for (Component c : environment.getSpec().components) {
            if (c != null && c.name != null) {
                components.putIfAbsent(c.name, c);
            }
        }
        String envName = environment.getMetadata() == null ? null : environment.getMetadata().getName();
        for (ComponentUse use : componentUses(suite.getSpec())) {
            Component c = components.get(use.component());
            if (c == null) {
                problems.add(use.path(), "component \"" + use.component() + "\" is not defined in TestEnvironment \"" + envName + "\"");
                continue;
            }
            ComponentType wanted = use.action() == null ? null : ACTION_COMPONENT_TYPE.get(use.action());
            if (wanted != null && c.type != null && c.type != wanted) {
                problems.add(use.path(), "component \"" + use.component() + "\" is a " + name(c.type) + ", a " + use.action()
                        + " step needs a " + name(wanted));
            }
        }
        return problems.toList();
    }

    /** Every component the suite names, with where it names it. */
    public static List<ComponentUse> componentUses(TestSuiteSpec spec) {
        List<ComponentUse> uses = new ArrayList<>();
        if (spec.variables != null) {
            spec.variables.forEach((k, v) -> templateUses(uses, "spec.variables." + k, v));
        }
        if (spec.cases == null) {
            return uses;
        }
        for (int i = 0; i < spec.cases.size(); i++) {
            TestCase c = spec.cases.get(i);
            if (c == null || c.steps == null) {
                continue;
            }
            for (int j = 0; j < c.steps.size(); j++) {
                Step step = c.steps.get(j);
                if (step == null) {
                    continue;
                }
                String path = "spec.cases[" + i + "].steps[" + j + "]";
                stepComponent(uses, path, "publish", step.publish == null ? null : step.publish.component);
                stepComponent(uses, path, "expectMessage", step.expectMessage == null ? null : step.expectMessage.component);
                stepComponent(uses, path, "sql", step.sql == null ? null : step.sql.component);
                stepComponent(uses, path, "redis", step.redis == null ? null : step.redis.component);
                uses.addAll(LoadChecks.components(path, step));
                JsonNode tree = Jackson.tree(step);
                stringsOf(tree, path, (p, text) -> templateUses(uses, p, text));
            }
        }
        return uses;
    }

    /** The Secrets and ConfigMaps the suite names: auth secrets and schemaRef ConfigMaps. */
    public static List<Reference> references(TestSuiteSpec spec) {
        List<Reference> refs = new ArrayList<>();
        if (spec.auth != null) {
            spec.auth.forEach((name, p) -> {
                if (p == null) {
                    return;
                }
                String path = "spec.auth." + name;
                if (p.basic != null && p.basic.secretRef != null) {
                    refs.add(Reference.secret(path + ".basic.secretRef", p.basic.secretRef.name, "username"));
                    refs.add(Reference.secret(path + ".basic.secretRef", p.basic.secretRef.name, "password"));
                }
                if (p.apiKey != null) {
                    secretKey(refs, path + ".apiKey.secretRef", p.apiKey.secretRef, "key");
                }
                if (p.bearer != null) {
                    secretKey(refs, path + ".bearer.secretRef", p.bearer.secretRef, "token");
                }
                if (p.oauth2 != null) {
                    secretKey(refs, path + ".oauth2.clientSecretRef", p.oauth2.clientSecretRef, "clientSecret");
                    secretKey(refs, path + ".oauth2.passwordRef", p.oauth2.passwordRef, "password");
                }
                if (p.jwt != null) {
                    secretKey(refs, path + ".jwt.secretRef", p.jwt.secretRef, "key");
                }
            });
        }
        if (spec.data != null) {
            spec.data.forEach((name, set) -> {
                if (set != null && set.path("configMapRef").path("name").isTextual() && set.path("key").isTextual()) {
                    refs.add(Reference.configMap("spec.data." + name + ".configMapRef", set.path("configMapRef").path("name").asText(),
                            set.path("key").asText()));
                }
            });
        }
        if (spec.cases != null) {
            for (int i = 0; i < spec.cases.size(); i++) {
                TestCase c = spec.cases.get(i);
                for (int j = 0; c != null && c.steps != null && j < c.steps.size(); j++) {
                    Step step = c.steps.get(j);
                    if (step != null && step.tls() != null && step.tls().caSecretRef != null) {
                        secretKey(refs, "spec.cases[" + i + "].steps[" + j + "]." + step.action() + ".tls.caSecretRef", step.tls().caSecretRef, "ca.crt");
                    }
                    JsonNode openapi = step == null || step.expect == null || step.expect.openapi == null ? null : step.expect.openapi.spec;
                    if (openapi != null && openapi.path("configMapRef").path("name").isTextual() && openapi.path("key").isTextual()) {
                        refs.add(Reference.configMap("spec.cases[" + i + "].steps[" + j + "].expect.openapi.spec.configMapRef",
                                openapi.path("configMapRef").path("name").asText(), openapi.path("key").asText()));
                    }
                    if (step != null && step.expect != null && step.expect.schemaRef != null && step.expect.schemaRef.configMapRef != null) {
                        refs.add(Reference.configMap("spec.cases[" + i + "].steps[" + j + "].expect.schemaRef.configMapRef",
                                step.expect.schemaRef.configMapRef.name, step.expect.schemaRef.key));
                    }
                }
            }
        }
        return refs;
    }

    private static void secretKey(List<Reference> refs, String path, SecretKeyRef ref, String defaultKey) {
        if (ref != null) {
            refs.add(Reference.secret(path, ref.name, ref.key == null ? defaultKey : ref.key));
        }
    }

    private static void stepComponent(List<ComponentUse> uses, String stepPath, String action, String component) {
        if (component != null && !component.contains("${")) {
            uses.add(new ComponentUse(stepPath + "." + action + ".component", component, action));
        }
    }

    private static void templateUses(List<ComponentUse> uses, String path, String text) {
        for (String name : TemplateSyntax.componentNames(text)) {
            uses.add(new ComponentUse(path, name, null));
        }
    }

    static void stringsOf(JsonNode node, String path, java.util.function.BiConsumer<String, String> action) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            action.accept(path, node.asText());
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                stringsOf(node.get(i), path + "[" + i + "]", action);
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> stringsOf(e.getValue(), path + "." + e.getKey(), action));
        }
    }

    private static String name(ComponentType type) {
        return type.name().toLowerCase();
    }

    private static void defaults(ProblemList problems, SuiteDefaults defaults) {
        if (defaults == null) {
            return;
        }
        problems.duration("spec.defaults.timeout", defaults.timeout);
        problems.min("spec.defaults.retries", defaults.retries, 0);
        problems.templates("spec.defaults.headers", defaults.headers);
    }

    private static void authProfile(ProblemList problems, String path, String name, AuthProfile p) {
        if ("none".equals(name)) {
            problems.add(path, "\"none\" is reserved: a step says auth: none to send no credentials");
        }
        if (p == null) {
            problems.add(path, "set one of basic, apiKey, bearer, oauth2, jwt");
            return;
        }
        List<String> schemes = p.schemes();
        if (schemes.size() != 1) {
            problems.add(path, schemes.isEmpty() ? "set one of basic, apiKey, bearer, oauth2, jwt"
                    : "sets " + String.join(" and ", schemes) + "; set exactly one scheme");
            return;
        }
        if (p.basic != null) {
            secretRef(problems, path + ".basic.secretRef", p.basic.secretRef);
            if (p.basic.secretRef == null && (p.basic.username == null || p.basic.password == null)) {
                problems.add(path + ".basic", "set secretRef (keys username and password), or username and password");
            }
            problems.template(path + ".basic.username", p.basic.username);
            problems.template(path + ".basic.password", p.basic.password);
        } else if (p.apiKey != null) {
            problems.required(path + ".apiKey.name", p.apiKey.name);
            problems.oneOf(path + ".apiKey.in", p.apiKey.in, List.of("header", "query"));
            secretOrValue(problems, path + ".apiKey", p.apiKey.secretRef, "secretRef", p.apiKey.value, "value");
            problems.template(path + ".apiKey.name", p.apiKey.name);
            problems.template(path + ".apiKey.value", p.apiKey.value);
        } else if (p.bearer != null) {
            secretOrValue(problems, path + ".bearer", p.bearer.secretRef, "secretRef", p.bearer.token, "token");
            problems.template(path + ".bearer.token", p.bearer.token);
        } else if (p.oauth2 != null) {
            AuthProfile.OAuth2 o = p.oauth2;
            problems.requiredTemplate(path + ".oauth2.tokenUrl", o.tokenUrl);
            problems.required(path + ".oauth2.clientId", o.clientId);
            problems.oneOf(path + ".oauth2.grant", o.grant, List.of("client_credentials", "password"));
            secretOrValue(problems, path + ".oauth2", o.clientSecretRef, "clientSecretRef", o.clientSecret, "clientSecret");
            if ("password".equals(o.grant)) {
                problems.required(path + ".oauth2.username", o.username);
                secretOrValue(problems, path + ".oauth2", o.passwordRef, "passwordRef", o.password, "password");
            }
            problems.template(path + ".oauth2.clientId", o.clientId);
            problems.template(path + ".oauth2.clientSecret", o.clientSecret);
            problems.template(path + ".oauth2.username", o.username);
            problems.template(path + ".oauth2.password", o.password);
            problems.templates(path + ".oauth2.scopes", o.scopes);
        } else {
            AuthProfile.Jwt j = p.jwt;
            problems.oneOf(path + ".jwt.algorithm", j.algorithm, List.of("HS256", "RS256"));
            secretOrValue(problems, path + ".jwt", j.secretRef, "secretRef", j.key, "key");
            problems.signedDuration(path + ".jwt.expiresIn", j.expiresIn);
            if (j.claims != null && !j.claims.isObject()) {
                problems.add(path + ".jwt.claims", "must be a mapping of claim names to values");
            }
            problems.templates(path + ".jwt.claims", j.claims);
            problems.template(path + ".jwt.key", j.key);
            problems.template(path + ".jwt.kid", j.kid);
        }
    }

    private static void secretOrValue(ProblemList problems, String path, SecretKeyRef ref, String refField, String value, String valueField) {
        secretRef(problems, path + "." + refField, ref);
        if (ref == null && value == null) {
            problems.add(path, "set " + refField + " or " + valueField);
        } else if (ref != null && value != null) {
            problems.add(path, "set " + refField + " or " + valueField + ", not both");
        }
    }

    private static void secretRef(ProblemList problems, String path, SecretKeyRef ref) {
        if (ref != null) {
            problems.objectName(path + ".name", ref.name);
        }
    }

    private static void testCase(ProblemList problems, String path, TestCase c, Set<String> authNames) {
        if (problems.required(path + ".id", c.id) && !CASE_ID.matcher(c.id).matches()) {
            problems.add(path + ".id", "\"" + c.id + "\" is not a valid case id: letters, digits, _ . : and -, starting with a letter or digit");
        }
        problems.required(path + ".title", c.title);
        problems.duration(path + ".timeout", c.timeout);
        problems.min(path + ".retries", c.retries, 0);
        if (!problems.required(path + ".steps", c.steps)) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (int j = 0; j < c.steps.size(); j++) {
            String stepPath = path + ".steps[" + j + "]";
            Step step = c.steps.get(j);
            if (step == null) {
                problems.add(stepPath, "is empty; set one of " + String.join(", ", Step.ACTIONS));
                continue;
            }
            if (step.name != null && !names.add(step.name)) {
                problems.add(stepPath + ".name", "duplicate step name \"" + step.name + "\" in this case");
            }
            step(problems, stepPath, step, authNames);
        }
    }

    private static void step(ProblemList problems, String path, Step step, Set<String> authNames) {
        List<String> actions = step.actions();
        if (actions.size() != 1) {
            problems.add(path, actions.isEmpty() ? "set one action: " + String.join(", ", Step.ACTIONS)
                    : "sets " + String.join(" and ", actions) + "; a step sets exactly one action");
        }
        if (step.http != null) {
            http(problems, path + ".http", step.http, authNames);
        }
        if (step.graphql != null) {
            graphql(problems, path + ".graphql", step.graphql, authNames);
        }
        if (step.publish != null) {
            publish(problems, path + ".publish", step.publish);
        }
        if (step.expectMessage != null) {
            expectMessage(problems, path + ".expectMessage", step.expectMessage);
        }
        if (step.sql != null) {
            SqlAction s = step.sql;
            target(problems, path + ".sql", "sql", s.component, s.uri);
            problems.required(path + ".sql.query", s.query);
            problems.template(path + ".sql.query", s.query);
            problems.templates(path + ".sql.params", s.params);
            problems.duration(path + ".sql.within", s.within);
        }
        if (step.redis != null) {
            RedisAction r = step.redis;
            target(problems, path + ".redis", "redis", r.component, r.uri);
            problems.required(path + ".redis.command", r.command);
            problems.templates(path + ".redis.command", r.command);
            problems.duration(path + ".redis.within", r.within);
        }
        if (step.wait != null && problems.required(path + ".wait.duration", step.wait.duration)) {
            problems.duration(path + ".wait.duration", step.wait.duration);
        }
        if (step.load != null && step.load.request != null && step.load.request.http != null) {
            http(problems, path + ".load.request.http", step.load.request.http, authNames);
        }
        if (step.load != null && step.load.request != null && step.load.request.graphql != null) {
            graphql(problems, path + ".load.request.graphql", step.load.request.graphql, authNames);
        }
        LoadChecks.check(problems, path, step);
        String action = step.action();
        if (step.expect != null) {
            expect(problems, path + ".expect", step.expect, action);
        }
        capture(problems, path + ".capture", step.capture, action);
    }

    private static void http(ProblemList problems, String path, HttpAction h, Set<String> authNames) {
        problems.requiredTemplate(path + ".url", h.url);
        problems.templates(path + ".query", h.query);
        problems.templates(path + ".headers", h.headers);
        problems.templates(path + ".body", h.body);
        problems.templates(path + ".form", h.form);
        if (h.body != null && h.form != null) {
            problems.add(path + ".form", "set body or form, not both");
        }
        auth(problems, path + ".auth", h.auth, authNames);
        problems.duration(path + ".timeout", h.timeout);
    }

    private static void graphql(ProblemList problems, String path, GraphqlAction g, Set<String> authNames) {
        problems.requiredTemplate(path + ".url", g.url);
        problems.required(path + ".query", g.query);
        problems.templates(path + ".variables", g.variables);
        problems.templates(path + ".headers", g.headers);
        if (g.variables != null && !g.variables.isObject()) {
            problems.add(path + ".variables", "must be a mapping of variable names to values");
        }
        auth(problems, path + ".auth", g.auth, authNames);
        problems.duration(path + ".timeout", g.timeout);
    }

    private static void auth(ProblemList problems, String path, String name, Set<String> authNames) {
        if (name != null && !"none".equals(name) && !authNames.contains(name)) {
            problems.add(path, "auth \"" + name + "\" is not defined"
                    + (authNames.isEmpty() ? "; spec.auth is empty" : "; spec.auth has " + String.join(", ", authNames)));
        }
    }

    private static void publish(ProblemList problems, String path, PublishAction p) {
        target(problems, path, "publish", p.component, p.uri);
        problems.requiredTemplate(path + ".destination", p.destination);
        problems.template(path + ".key", p.key);
        problems.templates(path + ".headers", p.headers);
        problems.templates(path + ".body", p.body);
        problems.range(path + ".qos", p.qos, 0, 2);
    }

    private static void expectMessage(ProblemList problems, String path, ExpectMessageAction e) {
        target(problems, path, "expectMessage", e.component, e.uri);
        problems.requiredTemplate(path + ".destination", e.destination);
        if (problems.required(path + ".within", e.within)) {
            problems.duration(path + ".within", e.within);
        }
        problems.templates(path + ".headers", e.headers);
        problems.min(path + ".count", e.count, 1);
        boolean matchOrCount = (e.match != null && !e.match.isEmpty()) || e.count != null;
        if (e.sequence != null) {
            if (matchOrCount) {
                problems.add(path, "set match/count or sequence, not both");
            }
            if (e.sequence.isEmpty()) {
                problems.add(path + ".sequence", "must list at least one message");
            }
            if (Boolean.TRUE.equals(e.absent)) {
                problems.add(path + ".absent", "absent applies to match, not to sequence");
            }
            for (int i = 0; i < e.sequence.size(); i++) {
                List<JsonPathExpectation> one = e.sequence.get(i);
                if (one == null || one.isEmpty()) {
                    problems.add(path + ".sequence[" + i + "]", "must list at least one expectation");
                } else {
                    jsonPaths(problems, path + ".sequence[" + i + "]", one);
                }
            }
        }
        jsonPaths(problems, path + ".match", e.match);
    }

    /** A data or event step names a component of the environment or gives a URI, not both. */
    private static void target(ProblemList problems, String path, String action, String component, String uri) {
        if (component == null && uri == null) {
            problems.add(path, "set component (a component of the environment) or uri");
        } else if (component != null && uri != null) {
            problems.add(path, "set component or uri, not both");
        }
        problems.template(path + ".uri", uri);
        if (uri != null && !uri.startsWith("${")) {
            int colon = uri.indexOf("://");
            String scheme = colon < 0 ? "" : uri.substring(0, colon);
            List<String> schemes = ACTION_URI_SCHEMES.get(action);
            if (!schemes.contains(scheme)) {
                problems.add(path + ".uri", "\"" + uri + "\" must start with one of " + String.join("://, ", schemes) + "://");
            }
        }
    }

    private static void expect(ProblemList problems, String path, Expect e, String action) {
        if (e.status != null) {
            if (action != null && !action.equals("http") && !action.equals("graphql") && !action.equals("load")) {
                problems.add(path + ".status", "applies to http, graphql and load steps only");
            }
            status(problems, path + ".status", e.status);
        }
        if (e.headers != null) {
            e.headers.forEach((name, m) -> matcher(problems, path + ".headers." + name, m));
        }
        problems.oneOf(path + ".format", e.format, List.of("json", "xml", "text"));
        if (e.schema != null) {
            if (e.schemaRef != null) {
                problems.add(path + ".schemaRef", "set schema or schemaRef, not both");
            }
            for (String p : JsonSchemaCheck.problems(e.schema)) {
                problems.add(path + ".schema", p);
            }
        }
        if (e.schemaRef != null) {
            boolean cm = e.schemaRef.configMapRef != null;
            boolean file = e.schemaRef.file != null;
            if (cm == file) {
                problems.add(path + ".schemaRef", "set configMapRef (with key) or file");
            }
            if (cm) {
                problems.objectName(path + ".schemaRef.configMapRef.name", e.schemaRef.configMapRef.name);
                problems.required(path + ".schemaRef.key", e.schemaRef.key);
            }
        }
        if (e.openapi != null) {
            problems.required(path + ".openapi.operationId", e.openapi.operationId);
            JsonNode spec = e.openapi.spec;
            boolean file = spec != null && spec.isTextual() && !spec.asText().isBlank();
            boolean configMap = spec != null && spec.path("configMapRef").path("name").isTextual() && spec.path("key").isTextual();
            if (!file && !configMap) {
                problems.add(path + ".openapi.spec", "give the OpenAPI document: a file next to the suite (spec: openapi.yaml) or {configMapRef: {name: NAME}, key: KEY}");
            }
        }
        jsonPaths(problems, path + ".jsonPath", e.jsonPath);
        if (e.body != null) {
            matcher(problems, path + ".body", e.body);
            if (e.body.exists != null) {
                problems.add(path + ".body.exists", "applies to headers only");
            }
        }
        problems.duration(path + ".maxDuration", e.maxDuration);
        if (e.graphql != null && action != null && !action.equals("graphql")) {
            problems.add(path + ".graphql", "applies to graphql steps only");
        }
        if (e.rows != null) {
            problems.min(path + ".rows", e.rows, 0);
            if (action != null && !action.equals("sql")) {
                problems.add(path + ".rows", "applies to sql steps only");
            }
        }
    }

    private static void status(ProblemList problems, String path, JsonNode status) {
        if (status.isArray()) {
            if (status.isEmpty()) {
                problems.add(path, "must list at least one status");
            }
            for (int i = 0; i < status.size(); i++) {
                statusValue(problems, path + "[" + i + "]", status.get(i));
            }
        } else {
            statusValue(problems, path, status);
        }
    }

    private static void statusValue(ProblemList problems, String path, JsonNode v) {
        if (v.isIntegralNumber() || (v.isTextual() && v.asText().matches("[0-9]+"))) {
            problems.range(path, v.asLong(), 100, 599);
        } else if (!v.isTextual() || !STATUS_CLASS.matcher(v.asText()).matches()) {
            problems.add(path, "must be a status code such as 200, a list of them, or a class such as \"2xx\"; not " + v);
        }
    }

    private static void matcher(ProblemList problems, String path, ValueMatcher m) {
        if (m == null || (m.equals == null && m.contains == null && m.matches == null && m.exists == null)) {
            problems.add(path, "set one of equals, contains, matches, exists");
            return;
        }
        problems.regex(path + ".matches", m.matches);
        problems.template(path + ".contains", m.contains);
        problems.templates(path + ".equals", m.equals);
    }

    private static void jsonPaths(ProblemList problems, String path, List<JsonPathExpectation> list) {
        if (list == null) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String p = path + "[" + i + "]";
            JsonPathExpectation e = list.get(i);
            if (e == null) {
                problems.add(p, "is empty; set path and an expectation");
                continue;
            }
            problems.jsonPath(p + ".path", e.path);
            if (e.equals == null && e.notEquals == null && e.greaterThan == null && e.lessThan == null
                    && e.matches == null && e.exists == null && e.contains == null) {
                problems.add(p, "set one of equals, notEquals, greaterThan, lessThan, matches, exists, contains");
            }
            problems.regex(p + ".matches", e.matches);
            problems.templates(p + ".equals", e.equals);
            problems.templates(p + ".notEquals", e.notEquals);
            problems.templates(p + ".contains", e.contains);
        }
    }

    private static void capture(ProblemList problems, String path, Map<String, String> capture, String action) {
        if (capture == null) {
            return;
        }
        for (Map.Entry<String, String> e : new LinkedHashMap<>(capture).entrySet()) {
            String p = path + "." + e.getKey();
            if (!VARIABLE_NAME.matcher(e.getKey()).matches()) {
                problems.add(p, "\"" + e.getKey() + "\" is not a valid variable name: letters, digits, _ and -, not starting with a digit");
            }
            String source = e.getValue();
            if (source == null || source.isBlank()) {
                problems.add(p, "is required: a JSONPath such as $.id, header:NAME, status or body");
            } else if (source.startsWith("header:")) {
                if (source.length() == "header:".length()) {
                    problems.add(p, "header: needs a header name, e.g. header:Location");
                }
            } else if (source.equals("status")) {
                if (action != null && !action.equals("http") && !action.equals("graphql")) {
                    problems.add(p, "status can be captured from http and graphql steps only");
                }
            } else if (!source.equals("body")) {
                if (source.startsWith("$")) {
                    problems.jsonPath(p, source);
                } else {
                    problems.add(p, "\"" + source + "\" is not a capture source: a JSONPath such as $.id, header:NAME, status or body");
                }
            }
        }
    }
}
