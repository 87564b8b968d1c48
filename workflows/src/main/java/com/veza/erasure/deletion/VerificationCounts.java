package com.veza.erasure.deletion;

import java.util.LinkedHashMap;
import java.util.Map;

/** The verification report as step counts; a store that was not checked has no entry. */
final class VerificationCounts {
  private VerificationCounts() {}

  static Map<String, Long> of(VerificationReport report) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("pii_rows_left", report.piiRowsLeft());
    counts.put("tracks_left", report.tracksLeft());
    counts.put("playlists_left", report.playlistsLeft());
    if (report.cacheKeysLeft() != null) {
      counts.put("cache_keys_left", report.cacheKeysLeft());
    }
    if (report.searchDocsLeft() != null) {
      counts.put("search_docs_left", report.searchDocsLeft());
    }
    // Absent from reports recorded before it was counted: a replay builds the same map.
    if (report.searchDocsLeftByField() != null) {
      counts.put("search_docs_left_by_field", report.searchDocsLeftByField());
    }
    counts.put("export_files_left", report.exportFilesLeft());
    // Null in reports recorded before the erasure map: replays build the same counts as before.
    if (report.rowsLeft() != null) {
      report.rowsLeft().forEach((rule, left) -> counts.put(rule + "_rows_left", left));
    }
    return counts;
  }
}
