package com.veza.erasure.activities.erasuremap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Elasticsearch index holding the user's documents.
 *
 * @param index the index name
 * @param ids where the document ids come from
 * @param ownerField optional: documents whose field equals the user's id are found too
 * @param action {@code delete}
 * @param keep documents of rows the table's keep rule keeps get this partial update instead
 * @param optional the index may not exist (yet) when the worker starts: a missing index holds no
 *     doc, so it is not an error; without it, a missing index stops the start (a misspelt name
 *     would otherwise erase nothing and verify clean)
 */
public record SearchIndexRule(
    String index, Ids ids, String ownerField, String action, Keep keep, Boolean optional) {

  /** {@code optional: true} in the map. */
  public boolean isOptional() {
    return Boolean.TRUE.equals(optional);
  }

  /**
   * Where a document's id comes from.
   *
   * @param fromTable the doc ids are the snapshot of this table rule ({@code snapshot: true})
   * @param subject the doc id is the user's id (one document per account)
   */
  public record Ids(String fromTable, boolean subject) {}

  /** The partial update of a kept document: field to value (null clears it). */
  public record Keep(Map<String, Object> update) {
    public Keep {
      update = update == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(update));
    }
  }
}
