package com.veza.erasure.deletion.backfill;

/**
 * What one backfill pass did, in counts only (no user id enters the history).
 *
 * @param candidates accounts found soft-deleted by the old path with no deletion of this service
 * @param started deletion workflows this pass started, each with its account's original deadline
 * @param alreadyRunning candidates whose deletion workflow was already running: left alone
 * @param pages keyset pages read
 */
public record BackfillResult(long candidates, long started, long alreadyRunning, long pages) {

  public static final BackfillResult NONE = new BackfillResult(0, 0, 0, 0);

  /** This result with one more page of {@code candidates}, {@code started} of them started. */
  public BackfillResult plusPage(long pageCandidates, long pageStarted) {
    return new BackfillResult(
        candidates + pageCandidates,
        started + pageStarted,
        alreadyRunning + pageCandidates - pageStarted,
        pages + 1);
  }
}
