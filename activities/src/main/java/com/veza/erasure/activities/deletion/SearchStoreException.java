package com.veza.erasure.activities.deletion;

/**
 * An Elasticsearch failure that a later attempt may not meet again: the node is unreachable or
 * overloaded (429, 5xx), an index is closed, a write conflicted. Thrown as a plain exception so the
 * activity's retry policy applies; permanent failures are {@code ApplicationFailure}s instead.
 */
public class SearchStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SearchStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public SearchStoreException(String message) {
    super(message);
  }
}
