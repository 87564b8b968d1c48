package com.veza.erasure.deletion;

import java.time.Instant;
import java.util.Map;

/**
 * What one step did. Counts only (rows, keys, documents), never values: the receipt that holds
 * these outcomes is kept for years and must carry no personal data.
 *
 * @param failures how many times the step exhausted its retries and was retried by an operator
 * @param error the failure type and message of the last exhausted attempt, if any
 */
public record StepOutcome(
    StepState state, Map<String, Long> counts, int failures, String error, Instant finishedAt) {

  public static StepOutcome pending() {
    return new StepOutcome(StepState.PENDING, Map.of(), 0, null, null);
  }

  public StepOutcome running() {
    return new StepOutcome(StepState.RUNNING, counts, failures, error, null);
  }

  public StepOutcome succeeded(Map<String, Long> newCounts, Instant at) {
    return new StepOutcome(StepState.SUCCEEDED, newCounts, failures, error, at);
  }

  public StepOutcome skipped(Instant at) {
    return new StepOutcome(StepState.SKIPPED, Map.of(), failures, error, at);
  }

  public StepOutcome failed(String newError) {
    return new StepOutcome(StepState.FAILED, counts, failures + 1, newError, null);
  }

  /** FAILED for good: a best-effort step (a notification) that the deletion went on without. */
  public StepOutcome gaveUp(String newError, Instant at) {
    return new StepOutcome(StepState.FAILED, counts, failures + 1, newError, at);
  }

  /** The same state and error with other counts and a finish time: a clean-up that followed. */
  public StepOutcome closed(Map<String, Long> newCounts, Instant at) {
    return new StepOutcome(state, newCounts, failures, error, at);
  }
}
