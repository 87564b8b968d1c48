package com.veza.erasure.activities.erasuremap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a delete rule that a request asking to keep public content keeps: they are anonymized
 * with {@code anonymize} instead of deleted. A row is kept when {@code column} equals {@code
 * equals} (NULL never does) and every column of {@code whereNull} is NULL.
 *
 * @param equals a YAML scalar, bound as a parameter
 * @param whereNull e.g. {@code deleted_at}: a soft-deleted row is not public any more
 */
public record KeepRule(
    String column, Object equals, List<String> whereNull, Map<String, Replacement> anonymize) {

  public KeepRule {
    whereNull = whereNull == null ? List.of() : Collections.unmodifiableList(whereNull);
    anonymize =
        anonymize == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(anonymize));
  }
}
