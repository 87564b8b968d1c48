package com.veza.erasure.deletion;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One account deletion: soft-delete now, wait out the recovery window, then erase everywhere. ID
 * {@code account-deletion-<userUuid>} ({@link #workflowId}).
 */
@WorkflowInterface
public interface AccountDeletionWorkflow {

  String ID_PREFIX = "account-deletion-";

  /** Name of the signal the cache sweeper answers a join with. */
  String CACHE_SWEPT_SIGNAL = "cacheSwept";

  static String workflowId(String userUuid) {
    return ID_PREFIX + userUuid;
  }

  @WorkflowMethod
  DeletionReceipt delete(DeletionRequest request);

  @QueryMethod
  DeletionStatus status();

  /**
   * The user takes the account back during the window, also while the deletion is parked in
   * NEEDS_ATTENTION before erasure started (since version 1 of "recover-before-erasure").
   */
  @UpdateMethod
  DeletionStatus recover();

  /** Rejects a recovery once erasure has started, so the caller can answer 409 at once. */
  @UpdateValidatorMethod(updateName = "recover")
  void validateRecover();

  /** An operator re-runs the failed steps of a deletion in NEEDS_ATTENTION. */
  @UpdateMethod
  DeletionStatus retry();

  @UpdateValidatorMethod(updateName = "retry")
  void validateRetry();

  /**
   * Same as {@link #retry()} for callers that cannot send Updates (e.g. {@code temporal workflow
   * signal}).
   */
  @SignalMethod
  void retrySignal();

  /**
   * The cache sweeper's answer to this run's join (since version 1 of "cache-sweep"); an answer to
   * an earlier join of the run is ignored.
   */
  @SignalMethod(name = CACHE_SWEPT_SIGNAL)
  void cacheSwept(CacheSweepOutcome outcome);
}
