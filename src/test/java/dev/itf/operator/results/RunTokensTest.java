package dev.itf.operator.results;

import dev.itf.api.TestRun;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunTokensTest {

    private static TestRun run(String name, String uid) {
        TestRun run = new TestRun();
        run.setMetadata(new ObjectMetaBuilder().withNamespace("team").withName(name).withUid(uid).build());
        return run;
    }

    @Test
    void aTokenReadFromItsSecretWinsOverOneAReconcileWouldMake() {
        RunTokens tokens = new RunTokens();
        TestRun run = run("nightly", "uid-1");
        assertThat(tokens.of(run)).isEmpty();
        // the token Secret was read (a restarted operator, or a Secret written by the former leader)
        tokens.remember("team", "nightly", "uid-1", "from-secret");
        assertThat(tokens.rememberIfAbsent(run, "fresh")).isEqualTo("from-secret");
        assertThat(tokens.of(run)).contains("from-secret");
        assertThat(tokens.check("team", "nightly", "from-secret")).contains("uid-1");
        assertThat(tokens.check("team", "nightly", "fresh")).isEmpty();
    }

    @Test
    void aRunOfTheSameNameButAnotherUidGetsItsOwnToken() {
        RunTokens tokens = new RunTokens();
        tokens.remember("team", "nightly", "uid-old", "old");
        TestRun again = run("nightly", "uid-new");
        assertThat(tokens.of(again)).isEmpty();
        assertThat(tokens.rememberIfAbsent(again, "new")).isEqualTo("new");
        assertThat(tokens.check("team", "nightly", "old")).isEmpty();
        assertThat(tokens.check("team", "nightly", "new")).contains("uid-new");
    }

    @Test
    void onlyAWatchThatReadEverySecretMakesAnUnknownTokenMeanNoSecret() {
        RunTokens tokens = new RunTokens();
        assertThat(tokens.watched()).isFalse();
        tokens.markComplete();  // the watch failed to start: still complete, so the endpoint stops waiting
        assertThat(tokens.watched()).isFalse();
        tokens.markWatched();
        assertThat(tokens.watched()).isTrue();
    }
}
