package com.veza.erasure.deletion;

import com.veza.erasure.common.ErasureErrors;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Workflow-side bookkeeping: the phase (mirrored in search attributes and the ledger) and each
 * step's outcome. A step whose activity exhausts its retries is never skipped over: the deletion
 * parks in NEEDS_ATTENTION until an operator retries, and then only the failed steps run again.
 */
final class DeletionProgress {

  private final Consumer<DeletionPhase> ledger;
  private final OffsetDateTime scheduledFor;
  private final Map<DeletionStep, StepOutcome> steps = new EnumMap<>(DeletionStep.class);
  private DeletionPhase phase = DeletionPhase.SCHEDULED;

  /**
   * Where an operator's retry returns to: SCHEDULED if the window has not ended yet, else ERASING.
   */
  private DeletionPhase phaseBeforeAttention = DeletionPhase.ERASING;

  private int retryGeneration;

  DeletionProgress(Instant scheduledFor, Consumer<DeletionPhase> ledger) {
    this.scheduledFor = OffsetDateTime.ofInstant(scheduledFor, ZoneOffset.UTC);
    this.ledger = ledger;
    for (DeletionStep step : DeletionStep.values()) {
      steps.put(step, StepOutcome.pending());
    }
  }

  DeletionPhase phase() {
    return phase;
  }

  Map<DeletionStep, StepOutcome> steps() {
    return new EnumMap<>(steps);
  }

  /**
   * Moves to {@code next}: search attributes now; the ledger, which decides which changes its row
   * needs to hear of, is told of every one.
   */
  void enter(DeletionPhase next) {
    phase = next;
    Workflow.upsertTypedSearchAttributes(
        DeletionSearchAttributes.PHASE.valueSet(next.name()),
        DeletionSearchAttributes.SCHEDULED_FOR.valueSet(scheduledFor));
    ledger.accept(next);
  }

  <T> T run(DeletionStep step, Functions.Func<T> call, Function<T, Map<String, Long>> counts) {
    return runOptional(step, call, r -> false, counts);
  }

  /**
   * Runs a step until it succeeds; {@code skipped} tells when an optional store is not configured.
   */
  <T> T runOptional(
      DeletionStep step,
      Functions.Func<T> call,
      Predicate<T> skipped,
      Function<T, Map<String, Long>> counts) {
    return runUnless(() -> false, step, call, skipped, counts).orElseThrow();
  }

  /**
   * Like {@link #runOptional}, except that a failed step stops waiting for an operator as soon as
   * {@code abandon} holds (the user recovered or cancelled before erasure started); then it returns
   * empty and the step stays FAILED.
   */
  <T> Optional<T> runUnless(
      BooleanSupplier abandon,
      DeletionStep step,
      Functions.Func<T> call,
      Predicate<T> skipped,
      Function<T, Map<String, Long>> counts) {
    while (true) {
      steps.put(step, steps.get(step).running());
      try {
        T result = call.apply();
        Instant at = Instant.ofEpochMilli(Workflow.currentTimeMillis());
        steps.put(
            step,
            skipped.test(result)
                ? steps.get(step).skipped(at)
                : steps.get(step).succeeded(counts.apply(result), at));
        return Optional.of(result);
      } catch (ActivityFailure e) {
        if (isUserNotFound(e) && step == DeletionStep.MARK_PENDING) {
          // Nothing to delete: fail the request instead of paging an operator.
          throw ApplicationFailure.newNonRetryableFailureWithCause(
              "no such user", ErasureErrors.USER_NOT_FOUND.name(), e);
        }
        if (!awaitOperatorRetry(step, describe(e), abandon)) {
          return Optional.empty();
        }
      }
    }
  }

  /**
   * Runs a step that must never hold up the deletion (a notification): when its activity exhausts
   * its own bounded retries the step is FAILED, with the failure's type, and the caller goes on.
   *
   * @return the result, or empty when the step was given up on
   */
  <T> Optional<T> runBestEffort(
      DeletionStep step,
      Functions.Func<T> call,
      Predicate<T> skipped,
      Function<T, Map<String, Long>> counts) {
    steps.put(step, steps.get(step).running());
    try {
      T result = call.apply();
      Instant at = Instant.ofEpochMilli(Workflow.currentTimeMillis());
      steps.put(
          step,
          skipped.test(result)
              ? steps.get(step).skipped(at)
              : steps.get(step).succeeded(counts.apply(result), at));
      return Optional.of(result);
    } catch (ActivityFailure e) {
      giveUp(step, e);
      return Optional.empty();
    }
  }

  /** Marks a best-effort step SKIPPED without running it (notifications are off). */
  void skip(DeletionStep step) {
    steps.put(step, steps.get(step).skipped(Instant.ofEpochMilli(Workflow.currentTimeMillis())));
  }

  /** Marks a best-effort step FAILED for good after {@code failure}; the deletion goes on. */
  void giveUp(DeletionStep step, ActivityFailure failure) {
    steps.put(
        step,
        steps
            .get(step)
            .gaveUp(describe(failure), Instant.ofEpochMilli(Workflow.currentTimeMillis())));
  }

  /**
   * Closes a step given up on with what the clean-up after it did; it stays FAILED with its error.
   */
  void closeGivenUp(DeletionStep step, Map<String, Long> counts) {
    steps.put(
        step, steps.get(step).closed(counts, Instant.ofEpochMilli(Workflow.currentTimeMillis())));
  }

  /**
   * Marks {@code step} FAILED, parks the deletion in NEEDS_ATTENTION and returns once an operator
   * retries. Never skips: the caller runs the step (or steps) again after this returns.
   */
  void awaitOperatorRetry(DeletionStep step, String error) {
    awaitOperatorRetry(step, error, () -> false);
  }

  /**
   * {@link #awaitOperatorRetry(DeletionStep, String)} that gives up waiting once {@code abandon}
   * holds, and returns to the phase it parked from; returns false then, true after a retry.
   */
  private boolean awaitOperatorRetry(DeletionStep step, String error, BooleanSupplier abandon) {
    steps.put(step, steps.get(step).failed(error));
    if (abandon.getAsBoolean()) {
      // The user already asked for the account back: nobody needs paging for this step.
      return false;
    }
    int seen = retryGeneration;
    if (phase != DeletionPhase.NEEDS_ATTENTION) {
      phaseBeforeAttention = phase;
      Workflow.setCurrentDetails(
          "NEEDS ATTENTION: step "
              + step
              + " failed ("
              + error
              + "). Fix the cause, then send the `retry` update or signal.");
      enter(DeletionPhase.NEEDS_ATTENTION);
    }
    Workflow.await(() -> retryGeneration > seen || abandon.getAsBoolean());
    if (abandon.getAsBoolean()) {
      Workflow.setCurrentDetails("Recovering: the user asked for the account back.");
      enter(phaseBeforeAttention);
      return false;
    }
    return true;
  }

  /** The operator's retry: every step parked in NEEDS_ATTENTION runs again. */
  void retryFailedSteps() {
    retryGeneration++;
    Workflow.setCurrentDetails("Retrying the failed steps after an operator's retry.");
    enter(phaseBeforeAttention);
  }

  /**
   * The failure's type only. Messages stay out of the status and the receipt (kept for years): a
   * store's error text can quote the values it refused. The full failure is in the history.
   */
  static String describe(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof ApplicationFailure app) {
      return app.getType();
    }
    if (cause instanceof TimeoutFailure timeout) {
      return "timeout: " + timeout.getTimeoutType();
    }
    return cause == null ? failure.getClass().getSimpleName() : cause.getClass().getSimpleName();
  }

  private static boolean isUserNotFound(ActivityFailure e) {
    return e.getCause() instanceof ApplicationFailure app
        && ErasureErrors.USER_NOT_FOUND.name().equals(app.getType());
  }
}
