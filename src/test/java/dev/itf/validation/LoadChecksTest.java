package dev.itf.validation;

import dev.itf.api.TestEnvironment;
import dev.itf.api.TestSuite;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LoadChecksTest {

    private static List<String> problems(String steps) {
        TestSuite suite = Yaml.read(TestSuite.class, suite(steps));
        return SuiteValidator.validate(suite).stream().map(Problem::toString).toList();
    }

    private static String suite(String steps) {
        return """
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: s}
                spec:
                  cases:
                    - id: L
                      title: load
                      steps:
                """ + steps.indent(8);
    }

    @Test
    void aValidLoadStepOfEachModelHasNoProblem() {
        assertThat(problems("""
                - load:
                    request: {http: {url: "http://x/orders"}}
                    rate: 200/s
                    duration: 30s
                    warmup: 5s
                    maxInFlight: 500
                    shards: all
                    stopWhen: {errorRate: 50%, after: 10s}
                  expect:
                    status: 2xx
                    thresholds: {mean: 200ms, p95: 500ms, p99.9: 2s, max: 5s, errorRate: 1%, throughput: 100/s, dropped: 0,
                                 resources: [{component: orders-api, cpu: 80%, memory: 2Gi}]}
                - load:
                    request: {graphql: {url: "http://x/graphql", query: "{ a }"}}
                    stages: [{duration: 10s, target: 20}, {duration: 20s, target: 20}]
                    shards: 2
                """)).isEmpty();
    }

    @Test
    void badInputIsAProblemAtItsField() {
        assertThat(problems("""
                - load:
                    request: {http: {url: "http://x"}}
                    rate: 0/s
                    vus: 10
                    duration: 10s
                - load:
                    request: {http: {url: "http://x"}}
                    stages: [{duration: 10s, target: 0/s}, {duration: 10s, target: 0/m}]
                - load:
                    request: {http: {url: "http://x"}}
                    vus: 5
                    duration: 1m
                  expect:
                    thresholds: {p95: 500ms, p42: 1s, errorRate: lots}
                - http: {url: "http://x"}
                  expect: {thresholds: {p95: 1s}}
                - load:
                    request: {http: {url: "http://x"}}
                    stages: [{duration: 10s, target: 10/s}, {duration: 10s, target: 20}]
                """)).containsExactly(
                "spec.cases[0].steps[0].load.vus: set rate (open model) or vus (closed model), not both",
                "spec.cases[0].steps[0].load.rate: must be above 0: a rate of 0/s sends nothing",
                "spec.cases[0].steps[1].load.stages: the rate never rises above 0: no stage has a positive target",
                "spec.cases[0].steps[2].expect.thresholds.p42: \"p42\" is not a threshold; use one of mean, p50, p90, p95, p99, p99.9, max, errorRate, throughput, dropped, resources",
                "spec.cases[0].steps[2].expect.thresholds.errorRate: must be a percentage such as 1% (or a fraction such as 0.01); not \"lots\"",
                "spec.cases[0].steps[3].expect.thresholds: applies to load steps only",
                "spec.cases[0].steps[4].load.stages[1].target: mixes a rate and a number of virtual users: every stage's target must be of one kind");
    }

    @Test
    void resourcesOfAComponentTheEnvironmentDoesNotHaveAreAProblem() {
        TestSuite suite = Yaml.read(TestSuite.class, suite("""
                - load:
                    request: {http: {url: "http://x"}}
                    rate: 10/s
                    duration: 10s
                  expect:
                    thresholds: {resources: [{component: orders-api, cpu: 80%}, {component: ghost, memory: 1Gi}]}
                """));
        TestEnvironment env = Yaml.read(TestEnvironment.class, """
                apiVersion: itf.dev/v1alpha1
                kind: TestEnvironment
                metadata: {name: stack}
                spec:
                  components:
                    - {name: orders-api, type: service, image: "example/orders:1"}
                """);
        assertThat(SuiteValidator.validateAgainst(suite, env)).extracting(Problem::toString).containsExactly(
                "spec.cases[0].steps[0].expect.thresholds.resources[1].component: component \"ghost\" is not defined in TestEnvironment \"stack\"");
    }
}
