package com.veza.erasure.deletion;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Other users' content that names the erased user (docs/design.md#third-party-references). The
 * names are read inside the activity, before anonymization erases them; only counts come back.
 */
@ActivityInterface
public interface ReferenceActivities {

  /**
   * Finds other users' tracks whose free-text artist names the user (display name or username, as
   * whole words, any case) in PostgreSQL and, when configured, the tracks index; records them
   * against the ledger row of {@code input} and, when the worker is configured to scrub, replaces
   * the name with the anonymous artist. A retry counts what an earlier attempt found as well.
   */
  @ActivityMethod
  ReferenceCounts findThirdPartyReferences(LedgerRef input);
}
