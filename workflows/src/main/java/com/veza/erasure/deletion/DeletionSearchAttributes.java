package com.veza.erasure.deletion;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Custom search attributes, registered once per namespace ({@code temporal operator
 * search-attribute create}); operators filter on them in the Temporal UI, e.g. {@code
 * VezaDeletionPhase = 'NEEDS_ATTENTION'}. Values are phases and times only, never personal data.
 */
public final class DeletionSearchAttributes {
  public static final SearchAttributeKey<String> PHASE =
      SearchAttributeKey.forKeyword("VezaDeletionPhase");
  public static final SearchAttributeKey<OffsetDateTime> SCHEDULED_FOR =
      SearchAttributeKey.forOffsetDateTime("VezaDeletionScheduledFor");

  /**
   * Name and type of every attribute above, in declaration order: what the worker, the local run
   * and tests register, and what a namespace must have before a deletion can start.
   */
  public static final Map<String, IndexedValueType> DEFINITIONS = definitions(PHASE, SCHEDULED_FOR);

  private DeletionSearchAttributes() {}

  private static Map<String, IndexedValueType> definitions(SearchAttributeKey<?>... keys) {
    Map<String, IndexedValueType> definitions = new LinkedHashMap<>();
    for (SearchAttributeKey<?> key : keys) {
      definitions.put(key.getName(), key.getValueType());
    }
    return Collections.unmodifiableMap(definitions);
  }
}
