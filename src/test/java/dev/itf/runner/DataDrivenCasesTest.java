package dev.itf.runner;

import dev.itf.api.TestCase;
import dev.itf.demo.DemoTargetExtension;
import dev.itf.results.CaseResult;
import dev.itf.results.Outcome;
import dev.itf.results.RunResult;
import dev.itf.validation.SuiteValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** spec.data and forEach: one instance per row, ${row.FIELD} filled in, instances selectable alone or together. */
class DataDrivenCasesTest {

    @RegisterExtension
    static final DemoTargetExtension demo = new DemoTargetExtension();

    @TempDir
    Path dir;

    private static final String SUITE = """
            spec:
              data:
                customers: [{id: alice, name: Alice}, {id: bob, name: "B $${x} ${not-a-template}"}]
                plain: [{total: 10}, {total: 20}, {total: 30}]
                fromFile: {file: rows.yaml}
                fromConfigMap: {configMapRef: {name: orders-data}, key: rows.json}
              cases:
                - id: ORD_001
                  title: create an order for ${row.name}
                  forEach: customers
                  steps:
                    - http: {method: POST, url: "${baseUrl}/api/v1/orders", body: {customer: "${row.name}", total: 1}}
                      expect: {status: 201, jsonPath: [{path: $.customer, equals: "${row.name}"}]}
                - id: ORD_002
                  title: order totals
                  forEach: plain
                  steps:
                    - http: {method: POST, url: "${baseUrl}/api/v1/orders", body: {customer: "c${row.total}", total: 1}}
                      expect: {status: 201, jsonPath: [{path: $.customer, equals: "c${row.total}"}]}
                - id: ORD_003
                  title: rows from a file
                  forEach: fromFile
                  steps:
                    - http: {method: GET, url: "${baseUrl}/api/v1/orders?limit=${row.limit}"}
                      expect: {status: "${row.status}"}
                - id: ORD_004
                  title: rows from a ConfigMap, read locally from data/NAME/KEY
                  forEach: fromConfigMap
                  steps:
                    - http: {method: GET, url: "${baseUrl}/api/v1/orders?limit=${row.limit}"}
                      expect: {status: 200}
                - id: PLAIN
                  title: not data-driven
                  steps:
                    - http: {method: GET, url: "${baseUrl}/api/v1/orders"}
                      expect: {status: 200}
            """;

    private RunResult run(List<String> ids) throws Exception {
        Files.writeString(dir.resolve("rows.yaml"), "- {limit: 5, status: 200}\n- {limit: 0, status: 400}\n");
        Files.createDirectories(dir.resolve("data/orders-data"));
        Files.writeString(dir.resolve("data/orders-data/rows.json"), "[{\"limit\": 1}]");
        RunOptions o = new RunOptions();
        o.variables.put("baseUrl", demo.url());
        o.suiteDirectory = dir;
        o.ids.addAll(ids);
        return Suites.run(SUITE, o);
    }

    @Test
    void everyRowIsAnInstanceNamedByItsIdOrPosition() throws Exception {
        RunResult r = run(List.of());
        assertThat(r.cases).extracting(c -> c.caseId).containsExactly("ORD_001[alice]", "ORD_001[bob]",
                "ORD_002[1]", "ORD_002[2]", "ORD_002[3]", "ORD_003[1]", "ORD_003[2]", "ORD_004[1]", "PLAIN");
        for (CaseResult c : r.cases) {
            assertThat(c.outcome).as(c.caseId + ": " + c.message).isEqualTo(Outcome.PASSED);
        }
        // a value is inserted as text: neither $${ nor ${ inside it is read as a template
        assertThat(r.cases.get(1).title).isEqualTo("create an order for B $${x} ${not-a-template}");
    }

    @Test
    void selectingTheCaseIdRunsEveryInstanceAndAnInstanceIdRunsOne() throws Exception {
        assertThat(run(List.of("ORD_002")).cases).extracting(c -> c.caseId).containsExactly("ORD_002[1]", "ORD_002[2]", "ORD_002[3]");
        assertThat(run(List.of("ORD_001[bob]", "PLAIN")).cases).extracting(c -> c.caseId).containsExactly("ORD_001[bob]", "PLAIN");
    }

    @Test
    void aMissingFieldOrDataSetIsAnErrorNamingIt() {
        CaseInstances instances = new CaseInstances(dir);
        assertThatThrownBy(() -> instances.expand(Suites.parse("""
                spec:
                  data: {d: [{a: 1}, {b: 2}]}
                  cases: [{id: X, title: x y z, forEach: d, steps: [{wait: {duration: "${row.a}ms"}}]}]
                """).getSpec())).hasMessageContaining("case X[2]: ${row.a}: the row has no field \"a\"; its fields are b");
        assertThatThrownBy(() -> instances.expand(Suites.parse("""
                spec:
                  data: {d: {file: missing.json}}
                  cases: [{id: X, title: x y z, forEach: d, steps: [{wait: {duration: 1ms}}]}]
                """).getSpec())).hasMessageContaining("spec.data.d: cannot read").hasMessageContaining("missing.json");
    }

    @Test
    void theValidatorChecksDataSetsForEachAndRowFields() {
        var problems = SuiteValidator.validate(Suites.parse("""
                spec:
                  data: {d: [{a: 1}, {b: 2}], bad: {files: x.json}, empty: []}
                  cases:
                    - {id: X, title: x y z, forEach: d, steps: [{wait: {duration: "${row.a}ms"}}]}
                    - {id: Y, title: x y z, forEach: nope, steps: [{wait: {duration: 1ms}}]}
                    - {id: Z, title: x y z, steps: [{wait: {duration: "${row.a}ms"}}]}
                """)).stream().map(Object::toString).toList();
        assertThat(problems).contains(
                "spec.data.bad: give a list of rows, {file: test_data.json} next to the suite, or {configMapRef: {name: NAME}, key: KEY}",
                "spec.data.empty: has no rows; give at least one",
                "spec.cases[0].steps[0].wait.duration: ${row.a}: row 2 of spec.data.d has no field \"a\"",
                "spec.cases[1].forEach: \"nope\" is not a data set of spec.data; spec.data has d, bad, empty",
                "spec.cases[2].steps[0].wait.duration: ${row.a} is defined only in a case with forEach: NAME (a data set of spec.data)");
    }

    @Test
    void baseIdOfAnInstance() {
        assertThat(CaseInstances.baseId("API_001[2]")).isEqualTo("API_001");
        assertThat(CaseInstances.baseId("API_001")).isEqualTo("API_001");
        TestCase c = new TestCase();
        c.id = "A";
        assertThat(CaseInstances.baseId(c.id)).isEqualTo("A");
    }
}
