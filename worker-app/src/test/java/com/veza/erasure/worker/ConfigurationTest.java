package com.veza.erasure.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.veza.erasure.activities.deletion.CacheSweepSettings;
import com.veza.erasure.common.TemporalTlsSettings;
import com.veza.erasure.testing.TestCertificates;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookupFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example {@code worker-app/config.yml}: every variable has a default, and the defaults are the
 * documented ones.
 */
class ConfigurationTest {

  /** Loads config.yml as the app does, with {@code env} standing in for the process environment. */
  private static WorkerConfiguration load(Map<String, String> env) throws Exception {
    StringSubstitutor substitutor =
        new StringSubstitutor(StringLookupFactory.INSTANCE.mapStringLookup(env));
    substitutor.setEnableSubstitutionInVariables(false);
    substitutor.setValueDelimiter(":-");
    // Strict: an unresolved ${VAR} without a default would fail here.
    substitutor.setEnableUndefinedVariableException(true);
    return new YamlConfigurationFactory<>(
            WorkerConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw")
        .build(
            new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), substitutor),
            WorkerWorld.CONFIG);
  }

  @Test
  void givenTheExampleConfiguration_itHasADefaultForEveryVariable() throws Exception {
    Matcher m =
        Pattern.compile("\\$\\{([A-Z0-9_]+)(:-)?")
            .matcher(Files.readString(Path.of(WorkerWorld.CONFIG)));
    int variables = 0;
    while (m.find()) {
      variables++;
      assertThat(m.group(2)).as("${%s} needs a :- default", m.group(1)).isEqualTo(":-");
    }
    assertThat(variables).isGreaterThan(20);
  }

  @Test
  void givenTheExampleConfiguration_whenLoaded_itHasTheDocumentedDefaults() throws Exception {
    WorkerConfiguration config = load(Map.of());

    assertThat(config.getTemporal().getTarget()).isEqualTo("127.0.0.1:7233");
    // Emails are on, but go nowhere until mail is enabled; references are counted, not scrubbed.
    assertThat(config.getNotifications().isEnabled()).isTrue();
    assertThat(config.getReferences().build())
        .isEqualTo(
            new com.veza.erasure.activities.references.ReferenceSettings(
                false,
                3,
                com.veza.erasure.activities.references.ReferenceSettings.DEFAULT_PAGE_SIZE));
    assertThat(config.getTemporal().getNamespace()).isEqualTo("default");
    assertThat(config.getTemporal().getTaskQueue()).isEqualTo("erasure");
    assertThat(config.getTemporal().isRegisterSearchAttributes()).isFalse();
    assertThat(config.getTemporal().getShutdownGracePeriod()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.getTemporal().getStickyScheduleToStartTimeout())
        .isEqualTo(Duration.ofSeconds(5));
    TemporalTlsSettings tls = config.getTemporal().getTls();
    assertThat(tls.isEnabled()).isFalse();
    assertThat(
            Arrays.asList(
                tls.getCertChain(), tls.getPrivateKey(), tls.getTrustCerts(), tls.getServerName()))
        .containsOnlyNulls();
    assertThat(
            tls.applyTo(WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:7233"))
                .build()
                .getSslContext())
        .isNull();
    assertThat(config.getDatabase().getUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/veza");
    assertThat(config.getDatabase().getUser()).isEqualTo("veza");
    // An empty ${DATABASE_PASSWORD:-} is no password.
    assertThat(config.getDatabase().getPassword()).isNullOrEmpty();
    assertThat(config.getDatabase().getInitialSize()).isEqualTo(1);
    assertThat(config.getMigrations().isApplyReferenceSchema()).isFalse();
    assertThat(config.getRedis().isEnabled()).isFalse();
    assertThat(config.getRedis().getUri()).isEqualTo("redis://127.0.0.1:6379");
    assertThat(config.getRedis().isCluster()).isFalse();
    assertThat(config.getRedis().getKeyPatterns()).containsExactly("user:{id}:*");
    assertThat(config.getRedis().getScanCount()).isEqualTo(1000);
    assertThat(config.getRedis().getCommandTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.getRedis().getSweep().settings())
        .isEqualTo(CacheSweepSettings.disabled().withBatchWindow(Duration.ofSeconds(30)));
    assertThat(config.getElasticsearch().isEnabled()).isFalse();
    assertThat(config.getElasticsearch().settings().url()).isEqualTo("http://127.0.0.1:9200");
    // Empty credentials mean none.
    assertThat(config.getElasticsearch().settings().username()).isNull();
    assertThat(config.getElasticsearch().settings().apiKey()).isNull();
    assertThat(config.getElasticsearch().settings().usersIndex()).isEqualTo("users");
    assertThat(config.getElasticsearch().getBulkChunkSize()).isEqualTo(1000);
    assertThat(config.getElasticsearch().settings().searchPageSize()).isEqualTo(1000);
    assertThat(config.getDeletion().getStepGiveUpAfter()).isEqualTo(Duration.ofDays(1));
    assertThat(config.getDeletion().getCoverage().getSchemas()).containsExactly("public");
    assertThat(config.getDeletion().getCoverage().getCheckInterval())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(config.getDeletion().getCoverage().getSearchIndices()).isEqualTo("*");
    DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
    HttpConnectorFactory application =
        (HttpConnectorFactory) server.getApplicationConnectors().get(0);
    HttpConnectorFactory admin = (HttpConnectorFactory) server.getAdminConnectors().get(0);
    assertThat(
            List.of(
                application.getBindHost(),
                application.getPort(),
                admin.getBindHost(),
                admin.getPort()))
        .containsExactly("127.0.0.1", 8090, "127.0.0.1", 8091);
  }

  @Test
  void givenEnvironmentVariables_whenLoadingTheExampleConfiguration_itTakesTheirValues()
      throws Exception {
    WorkerConfiguration config =
        load(
            Map.ofEntries(
                Map.entry("TEMPORAL_TARGET", "temporal:7233"),
                Map.entry("TEMPORAL_REGISTER_SEARCH_ATTRIBUTES", "true"),
                Map.entry("TEMPORAL_TLS_ENABLED", "true"),
                Map.entry("TEMPORAL_TLS_CERT", "/etc/veza/tls/worker.crt"),
                Map.entry("TEMPORAL_TLS_KEY", "/etc/veza/tls/worker.key"),
                Map.entry("TEMPORAL_TLS_CA", "/etc/veza/tls/ca.crt"),
                Map.entry("TEMPORAL_TLS_SERVER_NAME", "temporal.internal"),
                Map.entry("DATABASE_APPLY_REFERENCE_SCHEMA", "true"),
                Map.entry("REDIS_ENABLED", "true"),
                Map.entry("REDIS_CLUSTER", "true"),
                Map.entry("REDIS_URI", "redis://a:7000,redis://b:7000"),
                Map.entry("REDIS_SCAN_COUNT", "500"),
                Map.entry("REDIS_SWEEP_ENABLED", "true"),
                Map.entry("REDIS_SWEEP_BATCH_WINDOW", "PT2M"),
                Map.entry("REDIS_SWEEP_MAX_BATCH_SIZE", "250"),
                Map.entry("REDIS_SWEEP_WAIT_BOUND", "PT20M"),
                Map.entry("ELASTICSEARCH_ENABLED", "true"),
                Map.entry("ELASTICSEARCH_API_KEY", "c2VjcmV0"),
                Map.entry("DELETION_STEP_GIVE_UP_AFTER", "PT6H"),
                Map.entry("NOTIFICATIONS_ENABLED", "false"),
                Map.entry("REFERENCES_SCRUB", "true"),
                Map.entry("WORKER_BIND_HOST", "0.0.0.0"),
                Map.entry("WORKER_PORT", "9090")));

    assertThat(config.getTemporal().getTarget()).isEqualTo("temporal:7233");
    assertThat(config.getTemporal().isRegisterSearchAttributes()).isTrue();
    TemporalTlsSettings tls = config.getTemporal().getTls();
    assertThat(tls.isEnabled()).isTrue();
    assertThat(
            List.of(
                tls.getCertChain(), tls.getPrivateKey(), tls.getTrustCerts(), tls.getServerName()))
        .containsExactly(
            "/etc/veza/tls/worker.crt",
            "/etc/veza/tls/worker.key",
            "/etc/veza/tls/ca.crt",
            "temporal.internal");
    assertThat(config.getMigrations().isApplyReferenceSchema()).isTrue();
    assertThat(config.getRedis().settings().cluster()).isTrue();
    assertThat(config.getRedis().settings().scanCount()).isEqualTo(500);
    assertThat(config.getRedis().getSweep().settings())
        .isEqualTo(
            new CacheSweepSettings(true, Duration.ofMinutes(2), 250, Duration.ofMinutes(20)));
    assertThat(config.getElasticsearch().settings().apiKey()).isEqualTo("c2VjcmV0");
    assertThat(config.getDeletion().getStepGiveUpAfter()).isEqualTo(Duration.ofHours(6));
    assertThat(config.getNotifications().isEnabled()).isFalse();
    assertThat(config.getReferences().build().scrub()).isTrue();
    HttpConnectorFactory application =
        (HttpConnectorFactory)
            ((DefaultServerFactory) config.getServerFactory()).getApplicationConnectors().get(0);
    assertThat(application.getBindHost()).isEqualTo("0.0.0.0");
    assertThat(application.getPort()).isEqualTo(9090);
  }

  @Test
  void givenTlsEnabledWithoutAClientCertificate_whenLoaded_itIsRefused() {
    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "TEMPORAL_TLS_ENABLED", "true",
                        "TEMPORAL_TLS_KEY", "/etc/veza/tls/worker.key")))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("temporal.tls")
        .hasMessageContaining("temporal.tls.certChain (TEMPORAL_TLS_CERT)");
  }

  @Test
  void givenTlsEnabledWithPemFiles_whenTheStubOptionsAreBuilt_itGivesThemAnSslContext(
      @TempDir Path dir) {
    TestCertificates.Issued worker = TestCertificates.selfSigned(dir, "worker", "worker.internal");
    TestCertificates.Issued ca = TestCertificates.selfSigned(dir, "temporal", "temporal.internal");
    TemporalTlsSettings tls = new TemporalTlsSettings();
    tls.setEnabled(true);
    tls.setCertChain(worker.certificate().toString());
    tls.setPrivateKey(worker.privateKey().toString());
    tls.setTrustCerts(ca.certificate().toString());
    tls.setServerName("temporal.internal");

    WorkflowServiceStubsOptions options =
        tls.applyTo(WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:7233")).build();

    assertThat(options.getSslContext()).isNotNull();
    assertThat(options.getSslContext().isClient()).isTrue();
    assertThat(options.getChannelInitializer()).isNotNull();
  }

  @Test
  void givenAnUnreadableTrustBundle_whenTheStubOptionsAreBuilt_itFailsNamingTheKey(
      @TempDir Path dir) {
    TestCertificates.Issued worker = TestCertificates.selfSigned(dir, "worker", "worker.internal");
    TemporalTlsSettings tls = new TemporalTlsSettings();
    tls.setEnabled(true);
    tls.setCertChain(worker.certificate().toString());
    tls.setPrivateKey(worker.privateKey().toString());
    tls.setTrustCerts(dir.resolve("missing-ca.crt").toString());

    assertThatThrownBy(() -> tls.applyTo(WorkflowServiceStubsOptions.newBuilder()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("temporal.tls.trustCerts (TEMPORAL_TLS_CA)")
        .hasMessageContaining("missing-ca.crt");
  }
}
