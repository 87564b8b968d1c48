package com.veza.erasure.deletion;

/**
 * What the cache purge did.
 *
 * @param skipped Redis is not configured on this worker
 * @param keysDeleted keys unlinked (across all attempts of the activity)
 * @param scanCalls SCAN round trips, for tuning COUNT
 */
public record CachePurgeResult(boolean skipped, long keysDeleted, long scanCalls) {

  public static CachePurgeResult skippedResult() {
    return new CachePurgeResult(true, 0, 0);
  }
}
