package com.veza.erasure.deletion;

import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/**
 * Why the deletion workflow's Update validators refused an Update. The names are the {@code
 * ApplicationFailure} types they throw, so a caller tells refusals apart by type and a message can
 * be reworded without changing any behaviour.
 */
public enum DeletionRefusal {
  /** {@code recover} after the account was restored: there is nothing left to undo. */
  ALREADY_RECOVERED,
  /**
   * {@code recover} once erasure has started (erasing, completed, or parked in NEEDS_ATTENTION
   * after erasure began): erasure that has started always finishes. Deletions started before {@code
   * recover-before-erasure} also refuse it while parked before erasure.
   */
  ERASURE_STARTED,
  /** {@code retry} of a deletion that is not parked in NEEDS_ATTENTION: no step waits for it. */
  NOT_NEEDS_ATTENTION;

  /** Non-retryable: the same Update sent again meets the same phase. */
  public ApplicationFailure failure(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, name());
  }

  /**
   * What a validator throws: {@link #failure} as the cause of a plain exception. SDK 1.38 strips
   * the type of an {@code ApplicationFailure} thrown by a validator itself (temporalio/sdk-java
   * issue 2875, fixed by PR 3001) but sends a plain exception's causes whole, so the caller still
   * finds this type in the cause chain.
   */
  public IllegalStateException rejection(String message) {
    return new IllegalStateException(message, failure(message));
  }

  /** The refusal named by an {@code ApplicationFailure} type; empty for any other type or none. */
  public static Optional<DeletionRefusal> ofType(String type) {
    for (DeletionRefusal refusal : values()) {
      if (refusal.name().equals(type)) {
        return Optional.of(refusal);
      }
    }
    return Optional.empty();
  }
}
