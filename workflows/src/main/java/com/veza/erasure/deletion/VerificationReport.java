package com.veza.erasure.deletion;

import java.util.Map;

/**
 * What is left after erasure, re-read from every store. A {@code null} count means that store was
 * not checked because it is not configured on the worker.
 *
 * @param piiRowsLeft users/user_profiles rows of the user still holding personal data
 * @param tracksLeft the user's tracks still present that should be gone
 * @param playlistsLeft the user's playlists still present
 * @param cacheKeysLeft Redis keys still matching the user's patterns
 * @param searchDocsLeft Elasticsearch documents still holding the user's data
 * @param exportFilesLeft files under the user's export location (ZIPs, temporary files of a build);
 *     0 in histories recorded before it was counted
 * @param searchDocsLeftByField Elasticsearch documents whose owner field still holds the user's id
 *     (kept tracks excepted); null when Elasticsearch is not configured, no index has an owner
 *     field, or in reports recorded before it was counted
 * @param searchIndices per index: docs left by id and by owner field; null when {@code
 *     searchDocsLeftByField} is (no index swept by field), so such a report reads as before
 */
public record VerificationReport(
    long piiRowsLeft,
    long tracksLeft,
    long playlistsLeft,
    Long cacheKeysLeft,
    Long searchDocsLeft,
    long exportFilesLeft,
    Long searchDocsLeftByField,
    Map<String, SearchIndexLeft> searchIndices) {

  /** Without the by-field and per-index search counts. */
  public VerificationReport(
      long piiRowsLeft,
      long tracksLeft,
      long playlistsLeft,
      Long cacheKeysLeft,
      Long searchDocsLeft,
      long exportFilesLeft) {
    this(
        piiRowsLeft,
        tracksLeft,
        playlistsLeft,
        cacheKeysLeft,
        searchDocsLeft,
        exportFilesLeft,
        null,
        null);
  }

  public boolean clean() {
    return piiRowsLeft == 0
        && tracksLeft == 0
        && playlistsLeft == 0
        && (cacheKeysLeft == null || cacheKeysLeft == 0)
        && (searchDocsLeft == null || searchDocsLeft == 0)
        && (searchDocsLeftByField == null || searchDocsLeftByField == 0)
        && exportFilesLeft == 0;
  }
}
