package com.veza.erasure.deletion;

/**
 * What the search purge did. The by-field counts are null when that index has no owner field
 * configured, and in results recorded before they existed.
 *
 * @param skipped Elasticsearch is not configured on this worker
 * @param usersDeleted 0 or 1; 0 also when the doc or index was already gone
 * @param tracksDeleted track docs deleted
 * @param tracksAnonymized public track docs updated to drop the user's name
 * @param playlistsDeleted playlist docs deleted
 * @param usersDeletedByField users docs found by owner field (not by id) and deleted
 * @param tracksDeletedByField track docs found by owner field and deleted: docs the content
 *     snapshot did not name, indexed late or left behind by rows deleted earlier
 * @param playlistsDeletedByField playlist docs found by owner field and deleted
 */
public record SearchPurgeResult(
    boolean skipped,
    long usersDeleted,
    long tracksDeleted,
    long tracksAnonymized,
    long playlistsDeleted,
    Long usersDeletedByField,
    Long tracksDeletedByField,
    Long playlistsDeletedByField) {

  /** No index swept by owner field. */
  public SearchPurgeResult(
      boolean skipped,
      long usersDeleted,
      long tracksDeleted,
      long tracksAnonymized,
      long playlistsDeleted) {
    this(
        skipped, usersDeleted, tracksDeleted, tracksAnonymized, playlistsDeleted, null, null, null);
  }

  public static SearchPurgeResult skippedResult() {
    return new SearchPurgeResult(true, 0, 0, 0, 0);
  }
}
