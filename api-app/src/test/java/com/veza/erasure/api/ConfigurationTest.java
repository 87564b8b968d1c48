package com.veza.erasure.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
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
    StringSubstitutor substitutor =
        new StringSubstitutor(StringLookupFactory.INSTANCE.mapStringLookup(env));
    substitutor.setEnableSubstitutionInVariables(false);
    substitutor.setValueDelimiter(":-");
    return new YamlConfigurationFactory<>(
            ApiConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw")
        .build(
            new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), substitutor),
            "config.yml");
  }

  @Test
  void givenTheExampleConfiguration_whenLoaded_itHasTheDocumentedDefaults() throws Exception {
    ApiConfiguration config = load(Map.of("JWT_HS256_SECRET", "x".repeat(32)));

    assertThat(config.getTemporal().getTarget()).isEqualTo("127.0.0.1:7233");
    assertThat(config.getTemporal().getNamespace()).isEqualTo("default");
    assertThat(config.getTemporal().getTaskQueue()).isEqualTo("erasure");
    assertThat(config.getDeletion().getRecoveryWindow()).isEqualTo(Duration.ofDays(30));
    assertThat(config.getSecurity().getRecentAuth()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.getSecurity().getIssuer()).isNull();
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
            Map.of(
                "JWT_HS256_SECRET", "y".repeat(40),
                "TEMPORAL_TARGET", "temporal:7233",
                "DELETION_RECOVERY_WINDOW", "PT2M",
                "JWT_ISSUER", "https://id.veza.example",
                "EXPORTS_DIR", "/var/lib/veza-erasure/exports",
                "EXPORTS_LINK_LIFETIME", "P2D",
                "EXPORTS_DAILY_LIMIT", "5"));

    assertThat(config.getTemporal().getTarget()).isEqualTo("temporal:7233");
    assertThat(config.getDeletion().getRecoveryWindow()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.getSecurity().getIssuer()).isEqualTo("https://id.veza.example");
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
}
