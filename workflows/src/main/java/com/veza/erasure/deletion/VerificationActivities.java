package com.veza.erasure.deletion;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Re-reads every store after erasure: the evidence on the receipt. */
@ActivityInterface
public interface VerificationActivities {

  /**
   * @deprecated runs since {@code content-snapshot} call {@link #verifyErasureFromSnapshot}; kept
   *     so that runs started before replay and finish.
   */
  @Deprecated
  @ActivityMethod
  VerificationReport verifyErasure(VerifyInput input);

  /** As {@link #verifyErasure}, with the ids read page by page from the content snapshot. */
  @ActivityMethod
  VerificationReport verifyErasureFromSnapshot(SnapshotInput input);

  /**
   * As {@link #verifyErasureFromSnapshot} after a cache sweep: Redis is not scanned again, the
   * sweep's confirming pass having just counted the user's keys.
   */
  @ActivityMethod
  VerificationReport verifyErasureAfterCacheSweep(SweptSnapshotInput input);
}
