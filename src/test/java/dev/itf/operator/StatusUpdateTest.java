package dev.itf.operator;

import dev.itf.api.TestSuite;
import dev.itf.api.TestSuiteSpec;
import dev.itf.api.TestSuiteStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A status is written whole, on the resourceVersion it was computed from: a reconcile that started from a stale copy
 * can neither add a list entry twice nor overwrite a status that moved on.
 */
@EnableKubernetesMockClient(crud = true)
class StatusUpdateTest {
    static KubernetesClient client;
    static KubernetesMockServer server;

    private final List<String> remembered = new ArrayList<>();

    private TestSuite created(String name) {
        TestSuite suite = new TestSuite();
        suite.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("team").build());
        suite.setSpec(new TestSuiteSpec());
        return client.resource(suite).create();
    }

    private static TestSuiteStatus status(String... reasons) {
        TestSuiteStatus status = new TestSuiteStatus();
        status.conditions = new ArrayList<>();
        for (String reason : reasons) {
            status.conditions.add(condition(reason));
        }
        return status;
    }

    private static Condition condition(String type) {
        return new ConditionBuilder().withType(type).withStatus("True").withReason(type).withMessage(type)
                .withLastTransitionTime("2026-01-01T00:00:00Z").build();
    }

    private TestSuite write(TestSuite base, TestSuiteStatus next) {
        TestSuiteStatus seen = base.getStatus();
        base.setStatus(next);
        return StatusUpdate.write(client, base, seen, (written, replaced) -> remembered.add(
                replaced.getMetadata().getResourceVersion() + "->" + written.getMetadata().getResourceVersion()));
    }

    private TestSuite stored(String name) {
        return client.resources(TestSuite.class).inNamespace("team").withName(name).get();
    }

    @Test
    void theStatusIsWrittenWholeAndTheCacheToldWhichVersionItReplaced() {
        TestSuite suite = created("whole");
        String base = suite.getMetadata().getResourceVersion();
        TestSuite written = write(suite, status("Valid", "Ready"));
        assertThat(stored("whole").getStatus().conditions).extracting(Condition::getType).containsExactly("Valid", "Ready");
        assertThat(remembered).containsExactly(base + "->" + written.getMetadata().getResourceVersion());

        // a list that shrinks is replaced, not patched entry by entry
        write(written, status("Ready"));
        assertThat(stored("whole").getStatus().conditions).extracting(Condition::getType).containsExactly("Ready");
    }

    /** The API server refuses the next write of the suite's status as a real one refuses a stale resourceVersion (the
     * mock server itself does not check it on the status subresource). */
    private void nextWriteConflicts(String name) {
        server.expect().put().withPath("/apis/itf.dev/v1alpha1/namespaces/team/testsuites/" + name + "/status")
                .andReturn(409, new StatusBuilder().withCode(409).withReason("Conflict")
                        .withMessage("Operation cannot be fulfilled: the object has been modified").build()).once();
    }

    @Test
    void aStaleCopyWhoseStatusMovedOnIsAConflictNotADuplicate() {
        TestSuite first = write(created("moved"), status("Valid"));
        TestSuite stale = stored("moved");
        write(first, status("Valid", "Ready"));

        // computed from the status before "Ready" was written: a JSON Patch diff sent without a resourceVersion would add
        // "Ready" at index 1 again; the write on the old resourceVersion is refused and goes back to the controller
        nextWriteConflicts("moved");
        remembered.clear();
        assertThatThrownBy(() -> write(stale, status("Valid", "Ready")))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(stored("moved").getStatus().conditions).extracting(Condition::getType).containsExactly("Valid", "Ready");
        assertThat(remembered).isEmpty();
    }

    @Test
    void aConflictOnMetadataAloneIsWrittenThroughOnTheNewVersion() {
        TestSuite stale = write(created("labelled"), status("Valid"));
        client.resources(TestSuite.class).inNamespace("team").withName("labelled").edit(StatusUpdateTest::withLabel);
        String labelled = stored("labelled").getMetadata().getResourceVersion();
        assertThat(labelled).isNotEqualTo(stale.getMetadata().getResourceVersion());

        nextWriteConflicts("labelled");
        remembered.clear();
        TestSuite written = write(stale, status("Valid", "Ready"));
        TestSuite now = stored("labelled");
        assertThat(now.getStatus().conditions).extracting(Condition::getType).containsExactly("Valid", "Ready");
        assertThat(now.getMetadata().getLabels()).containsEntry("team", "a");
        assertThat(remembered).containsExactly(labelled + "->" + now.getMetadata().getResourceVersion());
        assertThat(written.getMetadata().getResourceVersion()).isEqualTo(now.getMetadata().getResourceVersion());
    }

    private static TestSuite withLabel(TestSuite s) {
        s.getMetadata().setLabels(new HashMap<>(Map.of("team", "a")));
        return s;
    }
}
