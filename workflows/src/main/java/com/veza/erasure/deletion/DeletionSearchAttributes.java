package com.veza.erasure.deletion;

import io.temporal.common.SearchAttributeKey;
import java.time.OffsetDateTime;

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

  private DeletionSearchAttributes() {}
}
