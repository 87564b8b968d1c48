package com.veza.erasure.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookupFactory;
import org.junit.jupiter.api.Test;

/**
 * The example {@code api-app/config.yml}: parses, defaults as documented, refuses a missing secret.
 */
class ConfigurationTest {

  private static ApiConfiguration load(Map<String, String> env) throws Exception {
    return load(new FileConfigurationSourceProvider(), env);
  }

  /**
   * config.yml with the test identity provider's key in {@code rs256PublicKeys}, which has no
   * variable of its own.
   */
  private static ApiConfiguration loadWithRs256Key(Map<String, String> env) throws Exception {
    String yaml = Files.readString(Path.of("config.yml"));
    String pem =
        Files.readString(Path.of("src/test/resources/rs256-test-public.pem")).strip().indent(6);
    String withKey = yaml.replace("  rs256PublicKeys: []\n", "  rs256PublicKeys:\n    - |\n" + pem);
    assertThat(withKey).as("config.yml has an empty rs256PublicKeys list").isNotEqualTo(yaml);
    return load(path -> new ByteArrayInputStream(withKey.getBytes(StandardCharsets.UTF_8)), env);
  }

  private static ApiConfiguration load(ConfigurationSourceProvider source, Map<String, String> env)
      throws Exception {
    StringSubstitutor substitutor =
        new StringSubstitutor(StringLookupFactory.INSTANCE.mapStringLookup(env));
    substitutor.setEnableSubstitutionInVariables(false);
    substitutor.setValueDelimiter(":-");
    return new YamlConfigurationFactory<>(
            ApiConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw")
        .build(new SubstitutingSourceProvider(source, substitutor), "config.yml");
  }

  @Test
  void givenTheExampleConfiguration_whenLoaded_itHasTheDocumentedDefaults() throws Exception {
    ApiConfiguration config = load(Map.of("JWT_HS256_SECRET", "x".repeat(32)));

    assertThat(config.getTemporal().getTarget()).isEqualTo("127.0.0.1:7233");
    assertThat(config.getTemporal().getNamespace()).isEqualTo("default");
    assertThat(config.getTemporal().getTaskQueue()).isEqualTo("erasure");
    assertThat(config.getTemporal().getTls().isEnabled()).isFalse();
    assertThat(config.getTemporal().getTls().getCertChain()).isNull();
    assertThat(config.getTemporal().getTls().getPrivateKey()).isNull();
    assertThat(config.getTemporal().getTls().getTrustCerts()).isNull();
    assertThat(config.getTemporal().getTls().getServerName()).isNull();
    assertThat(config.getDeletion().getRecoveryWindow()).isEqualTo(Duration.ofDays(30));
    assertThat(config.getSecurity().getRecentAuth()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.getSecurity().getIssuer()).isNull();
    assertThat(config.getSecurity().getAudience()).isEqualTo("veza-erasure");
    assertThat(config.getSecurity().getRs256PublicKeys()).isEmpty();
    assertThat(config.getMaxBodyBytes()).isEqualTo(16384);
    assertThat(config.getDatabase().getUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/veza");
    assertThat(config.getExports().getDirectory()).isEqualTo("./exports");
    assertThat(config.getExports().getLinkLifetime()).isEqualTo(Duration.ofDays(7));
    assertThat(config.getExports().getDailyLimit()).isEqualTo(3);
  }

  @Test
  void givenEnvironmentVariables_whenLoadingTheExampleConfiguration_itTakesTheirValues()
      throws Exception {
    ApiConfiguration config =
        load(
            Map.ofEntries(
                Map.entry("JWT_HS256_SECRET", "y".repeat(40)),
                Map.entry("TEMPORAL_TARGET", "temporal:7233"),
                Map.entry("TEMPORAL_TLS_ENABLED", "true"),
                Map.entry("TEMPORAL_TLS_CERT", "/etc/veza/tls/api.crt"),
                Map.entry("TEMPORAL_TLS_KEY", "/etc/veza/tls/api.key"),
                Map.entry("TEMPORAL_TLS_CA", "/etc/veza/tls/ca.crt"),
                Map.entry("TEMPORAL_TLS_SERVER_NAME", "temporal.internal"),
                Map.entry("DELETION_RECOVERY_WINDOW", "PT2M"),
                Map.entry("JWT_ISSUER", "https://id.veza.example"),
                Map.entry("JWT_AUDIENCE", "veza-erasure-eu"),
                Map.entry("EXPORTS_DIR", "/var/lib/veza-erasure/exports"),
                Map.entry("EXPORTS_LINK_LIFETIME", "P2D"),
                Map.entry("EXPORTS_DAILY_LIMIT", "5")));

    assertThat(config.getTemporal().getTarget()).isEqualTo("temporal:7233");
    assertThat(config.getTemporal().getTls().isEnabled()).isTrue();
    assertThat(config.getTemporal().getTls().getCertChain()).isEqualTo("/etc/veza/tls/api.crt");
    assertThat(config.getTemporal().getTls().getPrivateKey()).isEqualTo("/etc/veza/tls/api.key");
    assertThat(config.getTemporal().getTls().getTrustCerts()).isEqualTo("/etc/veza/tls/ca.crt");
    assertThat(config.getTemporal().getTls().getServerName()).isEqualTo("temporal.internal");
    assertThat(config.getDeletion().getRecoveryWindow()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.getSecurity().getIssuer()).isEqualTo("https://id.veza.example");
    assertThat(config.getSecurity().getAudience()).isEqualTo("veza-erasure-eu");
    assertThat(config.getExports().getDirectory()).isEqualTo("/var/lib/veza-erasure/exports");
    assertThat(config.getExports().getLinkLifetime()).isEqualTo(Duration.ofDays(2));
    assertThat(config.getExports().getDailyLimit()).isEqualTo(5);
  }

  @Test
  void givenAMissingOrShortSecret_whenLoadingTheConfiguration_itIsRefused() {
    assertThatThrownBy(() -> load(Map.of()))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("JWT_HS256_SECRET");
    assertThatThrownBy(() -> load(Map.of("JWT_HS256_SECRET", "short")))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("at least 32 bytes");
  }

  @Test
  void givenAnEmptyAudience_whenTheConfigIsLoaded_itChecksNoAudience() throws Exception {
    ApiConfiguration config = load(Map.of("JWT_HS256_SECRET", "x".repeat(32), "JWT_AUDIENCE", ""));
    assertThat(config.getSecurity().getAudience()).isNull();
  }

  @Test
  void givenRs256KeysWithoutAnIssuer_whenTheConfigIsLoaded_itIsRefused() throws Exception {
    // An identity provider signs tokens for many services; without iss any of them would do.
    assertThatThrownBy(() -> loadWithRs256Key(Map.of("JWT_HS256_SECRET", "x".repeat(32))))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("security.issuer (JWT_ISSUER)")
        .hasMessageContaining("security.rs256PublicKeys");

    ApiConfiguration config =
        loadWithRs256Key(
            Map.of("JWT_HS256_SECRET", "x".repeat(32), "JWT_ISSUER", "https://id.veza.example"));
    assertThat(config.getSecurity().rsaPublicKeys()).hasSize(1);
  }

  @Test
  void givenTlsEnabledWithoutAClientCertificate_whenTheConfigIsLoaded_itIsRefused() {
    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "JWT_HS256_SECRET", "x".repeat(32),
                        "TEMPORAL_TLS_ENABLED", "true",
                        "TEMPORAL_TLS_CERT", "/etc/veza/tls/api.crt")))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("temporal.tls")
        .hasMessageContaining("temporal.tls.privateKey (TEMPORAL_TLS_KEY)");
  }
}
