package com.veza.erasure.worker;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.veza.erasure.activities.deletion.CacheSweepSettings;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The {@code redis.sweep} block (docs/configuration.md#redis-sweep): batch the deletions' cache
 * purges into shared keyspace passes. Off (the default) keeps one purge per deletion.
 */
public class RedisSweepFactory {

  private boolean enabled;

  @NotNull private Duration batchWindow = CacheSweepSettings.DEFAULT_BATCH_WINDOW;

  @Min(1)
  private int maxBatchSize = CacheSweepSettings.DEFAULT_MAX_BATCH_SIZE;

  @NotNull private Duration waitBound = CacheSweepSettings.DEFAULT_WAIT_BOUND;

  public CacheSweepSettings settings() {
    return new CacheSweepSettings(enabled, batchWindow, maxBatchSize, waitBound);
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
  public Duration getBatchWindow() {
    return batchWindow;
  }

  @JsonProperty
  public void setBatchWindow(Duration batchWindow) {
    this.batchWindow = batchWindow;
  }

  @JsonProperty
  public int getMaxBatchSize() {
    return maxBatchSize;
  }

  @JsonProperty
  public void setMaxBatchSize(int maxBatchSize) {
    this.maxBatchSize = maxBatchSize;
  }

  @JsonProperty
  public Duration getWaitBound() {
    return waitBound;
  }

  @JsonProperty
  public void setWaitBound(Duration waitBound) {
    this.waitBound = waitBound;
  }
}
