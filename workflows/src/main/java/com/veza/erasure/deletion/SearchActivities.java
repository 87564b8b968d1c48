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
   */
  @ActivityMethod
  SearchPurgeResult purgeSearch(SearchPurgeInput input);
}
