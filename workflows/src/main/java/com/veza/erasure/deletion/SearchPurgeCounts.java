package com.veza.erasure.deletion;

import java.util.LinkedHashMap;
import java.util.Map;

/** The search purge's result as step counts. */
final class SearchPurgeCounts {
  private SearchPurgeCounts() {}

  /**
   * The by-field counts have an entry only when that index was swept by owner field: results
   * recorded before they existed read them as null, so a replay builds the same map it built then.
   */
  static Map<String, Long> of(SearchPurgeResult result) {
    Map<String, Long> counts = new LinkedHashMap<>();
    if (result.indices() != null) {
      // Per index of the erasure map, by the name the map gives it: for the reference map the
      // same keys as the fixed fields gave.
      for (SearchIndexPurged index : result.indices()) {
        counts.merge(index.index() + "_deleted", index.deleted(), Long::sum);
        putIfCounted(counts, index.index() + "_anonymized", index.anonymized());
        putIfCounted(counts, index.index() + "_deleted_by_field", index.deletedByField());
      }
      return counts;
    }
    counts.put("users_deleted", result.usersDeleted());
    counts.put("tracks_deleted", result.tracksDeleted());
    counts.put("tracks_anonymized", result.tracksAnonymized());
    counts.put("playlists_deleted", result.playlistsDeleted());
    putIfCounted(counts, "users_deleted_by_field", result.usersDeletedByField());
    putIfCounted(counts, "tracks_deleted_by_field", result.tracksDeletedByField());
    putIfCounted(counts, "playlists_deleted_by_field", result.playlistsDeletedByField());
    return counts;
  }

  private static void putIfCounted(Map<String, Long> counts, String key, Long value) {
    if (value != null) {
      counts.merge(key, value, Long::sum);
    }
  }
}
