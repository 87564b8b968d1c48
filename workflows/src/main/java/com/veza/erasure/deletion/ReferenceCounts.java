package com.veza.erasure.deletion;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What THIRD_PARTY_REFERENCES found: counts only, never a name or a track id.
 *
 * @param tracks other users' tracks in PostgreSQL whose artist names the user
 * @param searchDocs track documents naming the user; null when Elasticsearch is not configured
 * @param scrubbed whether the worker replaced the name (config {@code references.scrub})
 * @param tracksScrubbed of {@code tracks}, those whose artist was rewritten
 * @param searchDocsScrubbed of {@code searchDocs}, those rewritten; null as {@code searchDocs}
 * @param searchUnavailable Elasticsearch could not be read within the step's few attempts: the
 *     erasure went on without it (its docs are still purged later), and its counts are partial
 */
public record ReferenceCounts(
    long tracks,
    Long searchDocs,
    boolean scrubbed,
    long tracksScrubbed,
    Long searchDocsScrubbed,
    boolean searchUnavailable) {

  public ReferenceCounts(
      long tracks,
      Long searchDocs,
      boolean scrubbed,
      long tracksScrubbed,
      Long searchDocsScrubbed) {
    this(tracks, searchDocs, scrubbed, tracksScrubbed, searchDocsScrubbed, false);
  }

  /** The step's counts in the receipt. */
  public Map<String, Long> counts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("third_party_references", tracks);
    if (searchDocs != null) {
      counts.put("third_party_references_search", searchDocs);
    }
    if (searchUnavailable) {
      counts.put("third_party_references_search_unavailable", 1L);
    }
    if (scrubbed) {
      counts.put("third_party_references_scrubbed", tracksScrubbed);
      if (searchDocsScrubbed != null) {
        counts.put("third_party_references_search_scrubbed", searchDocsScrubbed);
      }
    }
    return counts;
  }
}
