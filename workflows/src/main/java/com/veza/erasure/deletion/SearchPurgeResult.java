package com.veza.erasure.deletion;

import java.util.List;

/**
 * What the search purge did. Since the erasure map drives the purge, {@code indices} holds the
 * counts per index of the map and the fixed users/tracks/playlists fields stay 0 (null by field):
 * they are read from results recorded before, whose {@code indices} is null. The by-field counts
 * are null when that index has no owner field configured, and in results recorded before they
 * existed.
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
 * @param indices what was done per index of the erasure map, in its order; null in results recorded
 *     before
 */
public record SearchPurgeResult(
    boolean skipped,
    long usersDeleted,
    long tracksDeleted,
    long tracksAnonymized,
    long playlistsDeleted,
    Long usersDeletedByField,
    Long tracksDeletedByField,
    Long playlistsDeletedByField,
    List<SearchIndexPurged> indices) {

  public SearchPurgeResult {
    indices = indices == null ? null : List.copyOf(indices);
  }

  /** A result of the fixed three indices, as recorded before the map drove the purge. */
  public SearchPurgeResult(
      boolean skipped,
      long usersDeleted,
      long tracksDeleted,
      long tracksAnonymized,
      long playlistsDeleted,
      Long usersDeletedByField,
      Long tracksDeletedByField,
      Long playlistsDeletedByField) {
    this(
        skipped,
        usersDeleted,
        tracksDeleted,
        tracksAnonymized,
        playlistsDeleted,
        usersDeletedByField,
        tracksDeletedByField,
        playlistsDeletedByField,
        null);
  }

  /** What the purge did to the erasure map's indices. */
  public static SearchPurgeResult ofIndices(List<SearchIndexPurged> indices) {
    return new SearchPurgeResult(false, 0, 0, 0, 0, null, null, null, indices);
  }

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
