package com.veza.erasure.activities.deletion;

import java.time.Duration;

/**
 * The cache sweep's configuration (docs/configuration.md#redis-sweep).
 *
 * @param enabled off: every deletion purges its user's keys alone, as before the sweep
 * @param batchWindow how long a pass waits for more deletions after the first joins
 * @param maxBatchSize joins one pass takes at most; a full batch starts at once
 * @param waitBound how long a deletion waits for its sweep before purging alone; must exceed the
 *     window plus two passes over the keyspace, or every deletion falls back
 */
public record CacheSweepSettings(
    boolean enabled, Duration batchWindow, int maxBatchSize, Duration waitBound) {

  public static final Duration DEFAULT_BATCH_WINDOW = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_BATCH_SIZE = 1_000;
  public static final Duration DEFAULT_WAIT_BOUND = Duration.ofMinutes(10);

  public CacheSweepSettings {
    if (batchWindow == null || batchWindow.isNegative()) {
      batchWindow = DEFAULT_BATCH_WINDOW;
    }
    if (maxBatchSize <= 0) {
      maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
    }
    if (waitBound == null || waitBound.isNegative() || waitBound.isZero()) {
      waitBound = DEFAULT_WAIT_BOUND;
    }
  }

  public static CacheSweepSettings disabled() {
    return new CacheSweepSettings(false, null, 0, null);
  }

  public static CacheSweepSettings enabledWithDefaults() {
    return new CacheSweepSettings(true, null, 0, null);
  }

  public CacheSweepSettings withBatchWindow(Duration window) {
    return new CacheSweepSettings(enabled, window, maxBatchSize, waitBound);
  }

  public CacheSweepSettings withWaitBound(Duration bound) {
    return new CacheSweepSettings(enabled, batchWindow, maxBatchSize, bound);
  }

  public CacheSweepSettings withMaxBatchSize(int size) {
    return new CacheSweepSettings(enabled, batchWindow, size, waitBound);
  }
}
