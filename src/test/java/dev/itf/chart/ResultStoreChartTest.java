package dev.itf.chart;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chart values results.* reach the operator as the ITF_RESULTS_* variables it reads; a store that cannot work is refused. */
class ResultStoreChartTest {

    private static PodSpec pod(List<HasMetadata> objects) {
        return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst().orElseThrow()
                .getSpec().getTemplate().getSpec();
    }

    private static Optional<EnvVar> env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    private static String value(Container c, String name) {
        return env(c, name).orElseThrow(() -> new AssertionError("no env var " + name)).getValue();
    }

    @Test
    void theDefaultIsTheFilesystemStoreOnAClaimWithNoRetention() {
        List<HasMetadata> objects = ChartRendering.objects(ChartRendering.render(Map.of()));
        Container operator = pod(objects).getContainers().get(0);
        assertThat(value(operator, "ITF_RESULTS_STORE")).isEqualTo("filesystem");
        assertThat(value(operator, "ITF_RESULTS_RETENTION")).isEmpty();
        assertThat(value(operator, "ITF_RESULTS_KEEP_RUNS")).isEqualTo("0");
        assertThat(env(operator, "ITF_RESULTS_POSTGRESQL_URL")).isEmpty();
        assertThat(env(operator, "ITF_RESULTS_S3_BUCKET")).isEmpty();
        assertThat(objects).extracting(HasMetadata::getKind).contains("PersistentVolumeClaim");
    }

    @Test
    void postgresqlGetsItsUrlSchemaAndCredentialsFromASecretAndNoClaim() {
        List<HasMetadata> objects = ChartRendering.objects(ChartRendering.render(Map.of("results.store", "postgresql",
                "results.postgresql.url", "jdbc:postgresql://pg.db.svc:5432/itf", "results.postgresql.existingSecret", "itf-db",
                "results.retention", "30d", "results.keepRuns", "100")));
        Container operator = pod(objects).getContainers().get(0);
        assertThat(value(operator, "ITF_RESULTS_STORE")).isEqualTo("postgresql");
        assertThat(value(operator, "ITF_RESULTS_POSTGRESQL_URL")).isEqualTo("jdbc:postgresql://pg.db.svc:5432/itf");
        assertThat(value(operator, "ITF_RESULTS_POSTGRESQL_SCHEMA")).isEqualTo("itf");
        assertThat(value(operator, "ITF_RESULTS_RETENTION")).isEqualTo("30d");
        assertThat(value(operator, "ITF_RESULTS_KEEP_RUNS")).isEqualTo("100");
        EnvVar password = env(operator, "ITF_RESULTS_POSTGRESQL_PASSWORD").orElseThrow();
        assertThat(password.getValue()).isNull();
        assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("itf-db");
        assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
        assertThat(env(operator, "ITF_RESULTS_POSTGRESQL_USERNAME").orElseThrow().getValueFrom().getSecretKeyRef().getKey()).isEqualTo("username");
        assertThat(objects).extracting(HasMetadata::getKind).doesNotContain("PersistentVolumeClaim");
        assertThat(pod(objects).getVolumes().stream().filter(v -> v.getName().equals("results")).findFirst().orElseThrow().getEmptyDir()).isNotNull();
    }

    @Test
    void s3GetsItsBucketEndpointAndKeysFromASecret() {
        Container operator = pod(ChartRendering.objects(ChartRendering.render(Map.of("results.store", "s3",
                "results.s3.bucket", "itf-results", "results.s3.endpoint", "http://minio.minio.svc:9000", "results.s3.pathStyle", "true",
                "results.s3.prefix", "itf/", "results.s3.existingSecret", "itf-s3")))).getContainers().get(0);
        assertThat(value(operator, "ITF_RESULTS_S3_BUCKET")).isEqualTo("itf-results");
        assertThat(value(operator, "ITF_RESULTS_S3_ENDPOINT")).isEqualTo("http://minio.minio.svc:9000");
        assertThat(value(operator, "ITF_RESULTS_S3_REGION")).isEqualTo("us-east-1");
        assertThat(value(operator, "ITF_RESULTS_S3_PATH_STYLE")).isEqualTo("true");
        assertThat(value(operator, "ITF_RESULTS_S3_PREFIX")).isEqualTo("itf/");
        assertThat(env(operator, "ITF_RESULTS_S3_SECRET_ACCESS_KEY").orElseThrow().getValueFrom().getSecretKeyRef().getKey())
                .isEqualTo("secretAccessKey");
        assertThat(env(operator, "ITF_RESULTS_S3_ACCESS_KEY_ID").orElseThrow().getValueFrom().getSecretKeyRef().getName()).isEqualTo("itf-s3");
    }

    @Test
    void aStoreThatCannotWorkIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> ChartRendering.render(Map.of("results.store", "mongodb"))).hasMessageContaining("results.store");
        assertThatThrownBy(() -> ChartRendering.render(Map.of("results.store", "postgresql")))
                .hasMessageContaining("results.postgresql.url is required with results.store postgresql");
        assertThatThrownBy(() -> ChartRendering.render(Map.of("results.store", "postgresql", "results.postgresql.url", "pg:5432")))
                .hasMessageContaining("results.postgresql.url must start with jdbc:postgresql://");
        assertThatThrownBy(() -> ChartRendering.render(Map.of("results.store", "s3")))
                .hasMessageContaining("results.s3.bucket is required with results.store s3");
        assertThatThrownBy(() -> ChartRendering.render(Map.of("results.retention", "a month"))).hasMessageContaining("retention");
        assertThatThrownBy(() -> ChartRendering.render(Map.of("results.keepRuns", "-1"))).hasMessageContaining("keepRuns");
    }
}
