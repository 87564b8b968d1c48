package com.veza.erasure.deletion;

/**
 * What the search purge did.
 *
 * @param skipped Elasticsearch is not configured on this worker
 * @param usersDeleted 0 or 1; 0 also when the doc or index was already gone
 * @param tracksDeleted track docs deleted
 * @param tracksAnonymized public track docs updated to drop the user's name
 * @param playlistsDeleted playlist docs deleted
 */
public record SearchPurgeResult(
    boolean skipped,
    long usersDeleted,
    long tracksDeleted,
    long tracksAnonymized,
    long playlistsDeleted) {

  public static SearchPurgeResult skippedResult() {
    return new SearchPurgeResult(true, 0, 0, 0, 0);
  }
}
