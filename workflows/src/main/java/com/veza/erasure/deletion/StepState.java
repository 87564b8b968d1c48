package com.veza.erasure.deletion;

public enum StepState {
  PENDING,
  RUNNING,
  SUCCEEDED,
  /** An optional store (Redis, Elasticsearch) is not configured on the worker. */
  SKIPPED,
  /** Retries exhausted: the deletion waits in NEEDS_ATTENTION for an operator's retry. */
  FAILED
}
