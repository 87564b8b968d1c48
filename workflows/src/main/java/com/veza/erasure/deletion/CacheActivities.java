package com.veza.erasure.deletion;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The user's Redis keys. Optional store: not configured → {@code skipped=true}. */
@ActivityInterface
public interface CacheActivities {

  /**
   * SCAN + MATCH per configured pattern, UNLINK per batch, never KEYS; heartbeats its cursor so a
   * retried attempt resumes; walks every master of a Redis Cluster.
   */
  @ActivityMethod
  CachePurgeResult purgeCache(CachePurgeInput input);
}
