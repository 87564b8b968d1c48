package com.veza.erasure.deletion;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The user's Elasticsearch documents. Optional store: not configured → {@code skipped=true}. */
@ActivityInterface
public interface SearchActivities {

  /**
   * Deletes the users doc by id and the tracks/playlists docs by id with chunked {@code _bulk};
   * with keep_public_tracks, public track docs are updated to drop the user's name instead. A
   * missing doc or index counts as already gone. Every index is tried; the first error is thrown.
   *
   * @deprecated runs since {@code content-snapshot} call {@link #purgeSearchFromSnapshot}; kept so
   *     that runs started before replay and finish.
   */
  @Deprecated
  @ActivityMethod
  SearchPurgeResult purgeSearch(SearchPurgeInput input);

  /**
   * As {@link #purgeSearch}, with the track and playlist ids read page by page from the content
   * snapshot of the ledger row instead of the input. Both also sweep every index that has an owner
   * field configured: docs whose field holds the user's id and that the ids did not name are
   * deleted, kept tracks excepted (docs/design.md#search-purge).
   */
  @ActivityMethod
  SearchPurgeResult purgeSearchFromSnapshot(SnapshotInput input);
}
