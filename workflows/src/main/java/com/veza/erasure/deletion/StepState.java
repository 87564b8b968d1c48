package com.veza.erasure.deletion;

public enum StepState {
  PENDING,
  RUNNING,
  SUCCEEDED,
  /**
   * An optional store (Redis, Elasticsearch) is not configured on the worker, or notifications are
   * off.
   */
  SKIPPED,
  /**
   * Retries exhausted. A required step parks the deletion in NEEDS_ATTENTION for an operator's
   * retry; a notification (NOTIFY_*) is given up on, with its finish time, and the deletion goes
   * on.
   */
  FAILED
}
