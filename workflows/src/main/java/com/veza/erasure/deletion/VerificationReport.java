package com.veza.erasure.deletion;

import java.util.Map;

/**
 * What is left after erasure, re-read from every store. A {@code null} count means that store was
 * not checked because it is not configured on the worker.
 *
 * @param piiRowsLeft rows of the map's anonymize rules (users, user_profiles) still holding
 *     personal data
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
 * @param rowsLeft rows left per table rule of the erasure map, by rule name (docs/describe-your-
 *     schema.md); null in histories recorded before the map
 * @param cacheKeysLeftByPattern Redis keys left per key pattern; null when Redis is not configured
 *     and in histories recorded before the map
 * @param erasureMapSha256 SHA-256 of the erasure map the rules came from: the receipt states which
 *     rules were applied; null in histories recorded before the map
 */
public record VerificationReport(
    long piiRowsLeft,
    long tracksLeft,
    long playlistsLeft,
    Long cacheKeysLeft,
    Long searchDocsLeft,
    long exportFilesLeft,
    Long searchDocsLeftByField,
    Map<String, SearchIndexLeft> searchIndices,
    Map<String, Long> rowsLeft,
    Map<String, Long> cacheKeysLeftByPattern,
    String erasureMapSha256) {

  /** A report without the search by-field counts nor the erasure map's, as before both. */
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

  /** Without the erasure map's counts. */
  public VerificationReport(
      long piiRowsLeft,
      long tracksLeft,
      long playlistsLeft,
      Long cacheKeysLeft,
      Long searchDocsLeft,
      long exportFilesLeft,
      Long searchDocsLeftByField,
      Map<String, SearchIndexLeft> searchIndices) {
    this(
        piiRowsLeft,
        tracksLeft,
        playlistsLeft,
        cacheKeysLeft,
        searchDocsLeft,
        exportFilesLeft,
        searchDocsLeftByField,
        searchIndices,
        null,
        null,
        null);
  }

  /** Without the search by-field counts (no index swept by owner field). */
  public VerificationReport(
      long piiRowsLeft,
      long tracksLeft,
      long playlistsLeft,
      Long cacheKeysLeft,
      Long searchDocsLeft,
      long exportFilesLeft,
      Map<String, Long> rowsLeft,
      Map<String, Long> cacheKeysLeftByPattern,
      String erasureMapSha256) {
    this(
        piiRowsLeft,
        tracksLeft,
        playlistsLeft,
        cacheKeysLeft,
        searchDocsLeft,
        exportFilesLeft,
        null,
        null,
        rowsLeft,
        cacheKeysLeftByPattern,
        erasureMapSha256);
  }

  public boolean clean() {
    return piiRowsLeft == 0
        && tracksLeft == 0
        && playlistsLeft == 0
        && (cacheKeysLeft == null || cacheKeysLeft == 0)
        && (searchDocsLeft == null || searchDocsLeft == 0)
        && (searchDocsLeftByField == null || searchDocsLeftByField == 0)
        && exportFilesLeft == 0
        && allZero(rowsLeft)
        && allZero(cacheKeysLeftByPattern);
  }

  private static boolean allZero(Map<String, Long> counts) {
    return counts == null || counts.values().stream().allMatch(c -> c == null || c == 0);
  }
}
