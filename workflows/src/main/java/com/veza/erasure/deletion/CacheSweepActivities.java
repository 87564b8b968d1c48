package com.veza.erasure.deletion;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The sweeper's one activity (docs/design.md#cache-sweep). */
@ActivityInterface
public interface CacheSweepActivities {

  /**
   * One SCAN pass over every master (MATCH on the key patterns' common literal prefix, the id
   * segment matched against the batch), UNLINK of the batch's keys, then one confirming pass that
   * counts what is left per user. Heartbeats its cursor, so a retried attempt resumes.
   */
  @ActivityMethod
  CacheSweepResult sweepCacheBatch(CacheSweepBatch batch);
}
