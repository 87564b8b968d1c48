package com.veza.erasure.common;

import io.temporal.failure.ApplicationFailure;

/**
 * Permanent failures. The names are the {@code ApplicationFailure} types, so retry policies list
 * them with {@code setDoNotRetry(...)} and operators see the same name in the Temporal UI.
 */
public enum ErasureErrors {
  /** A user id that is not a UUID, or a request missing a required field. */
  INVALID_INPUT,
  /** No row in {@code users} for the id: nothing to delete, retrying cannot help. */
  USER_NOT_FOUND,
  /** A Redis key pattern that would match more than one user's keys. */
  INVALID_PATTERN,
  /** The store refused our credentials: a configuration problem for an operator. */
  AUTH_FAILED,
  /** Elasticsearch rejected a request's shape (mapping or parse error): retrying sends the same. */
  SEARCH_MAPPING,
  /**
   * A column or index that holds user data and that no rule of the erasure map covers or ignores:
   * erasing now would leave it and write an untrue receipt. Retried by an operator once the gap is
   * closed (docs/operations.md#coverage-check).
   */
  COVERAGE_GAP;

  public ApplicationFailure failure(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, name());
  }

  public ApplicationFailure failure(String message, Throwable cause) {
    return ApplicationFailure.newNonRetryableFailureWithCause(message, name(), cause);
  }

  /** All names, for {@code RetryOptions.Builder#setDoNotRetry}. */
  public static String[] names(ErasureErrors... errors) {
    String[] names = new String[errors.length];
    for (int i = 0; i < errors.length; i++) {
      names[i] = errors[i].name();
    }
    return names;
  }
}
