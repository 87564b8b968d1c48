package com.veza.erasure.worker;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.veza.erasure.activities.redis.RedisConnector;
import com.veza.erasure.activities.redis.RedisSettings;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;

/**
 * The {@code redis} block. Disabled (the default) means the worker has no cache to purge and the
 * cache step is recorded as SKIPPED, never as done.
 */
public class RedisFactory {

  private boolean enabled;

  /** {@code redis://host:port}; with {@code cluster: true}, comma-separated seed URIs. */
  @NotEmpty private String uri = "redis://127.0.0.1:6379";

  private boolean cluster;

  /** SCAN MATCH templates; {@code {id}} becomes the user's UUID (validated at start). */
  @NotEmpty private List<String> keyPatterns = RedisSettings.DEFAULT_KEY_PATTERNS;

  @Min(1)
  private int scanCount = RedisSettings.DEFAULT_SCAN_COUNT;

  @NotNull private Duration commandTimeout = RedisSettings.DEFAULT_COMMAND_TIMEOUT;

  @Valid @NotNull private RedisSweepFactory sweep = new RedisSweepFactory();

  /**
   * The connector the cache activities use, closed when the application stops, with a health check
   * that PINGs every node; {@code null} when Redis is disabled.
   */
  public RedisConnector build(Environment environment) {
    return build(environment, List.of());
  }

  /**
   * As {@link #build(Environment)}, purging the erasure map's key patterns.
   *
   * @param mapPatterns the map's {@code redis.patterns}; empty: {@code keyPatterns} here
   * @throws IllegalStateException when both name patterns and they differ: one place only
   */
  public RedisConnector build(Environment environment, List<String> mapPatterns) {
    if (!enabled) {
      return null;
    }
    RedisConnector connector = new RedisConnector(settings(mapPatterns));
    environment
        .lifecycle()
        .manage(
            new Managed() {
              @Override
              public void stop() {
                connector.close();
              }
            });
    environment.healthChecks().register("redis", new RedisHealthCheck(connector));
    return connector;
  }

  /** Settings as the activities see them; an invalid key pattern fails the start here. */
  public RedisSettings settings() {
    return new RedisSettings(uri, cluster, keyPatterns, scanCount, commandTimeout);
  }

  /**
   * Settings with the erasure map's patterns when it has some. {@code keyPatterns} left at its
   * default, or equal to the map's, is no conflict; anything else is, so that no pattern is
   * silently dropped.
   */
  public RedisSettings settings(List<String> mapPatterns) {
    if (mapPatterns.isEmpty()) {
      return settings();
    }
    if (!keyPatterns.equals(RedisSettings.DEFAULT_KEY_PATTERNS)
        && !keyPatterns.equals(mapPatterns)) {
      throw new IllegalStateException(
          "redis.keyPatterns "
              + keyPatterns
              + " and the erasure map's redis.patterns "
              + mapPatterns
              + " differ: declare the patterns in the erasure map only");
    }
    return settings().withKeyPatterns(mapPatterns);
  }

  @JsonProperty
  public boolean isEnabled() {
    return enabled;
  }

  @JsonProperty
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  @JsonProperty
  public String getUri() {
    return uri;
  }

  @JsonProperty
  public void setUri(String uri) {
    this.uri = uri;
  }

  @JsonProperty
  public boolean isCluster() {
    return cluster;
  }

  @JsonProperty
  public void setCluster(boolean cluster) {
    this.cluster = cluster;
  }

  @JsonProperty
  public List<String> getKeyPatterns() {
    return keyPatterns;
  }

  @JsonProperty
  public void setKeyPatterns(List<String> keyPatterns) {
    this.keyPatterns = keyPatterns;
  }

  @JsonProperty
  public int getScanCount() {
    return scanCount;
  }

  @JsonProperty
  public void setScanCount(int scanCount) {
    this.scanCount = scanCount;
  }

  @JsonProperty
  public RedisSweepFactory getSweep() {
    return sweep;
  }

  @JsonProperty
  public void setSweep(RedisSweepFactory sweep) {
    this.sweep = sweep;
  }

  @JsonProperty
  public Duration getCommandTimeout() {
    return commandTimeout;
  }

  @JsonProperty
  public void setCommandTimeout(Duration commandTimeout) {
    this.commandTimeout = commandTimeout;
  }
}
