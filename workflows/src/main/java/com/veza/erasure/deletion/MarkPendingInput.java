package com.veza.erasure.deletion;

import java.time.Instant;

/**
 * What MARK_PENDING writes.
 *
 * @param takesOverLegacyDeletion the request carries the deadline of a deletion scheduled by the
 *     platform's old path ({@link DeletionRequest#originalDeadline()}): the account's soft-delete
 *     becomes this request's, so a recovery undoes it. False in histories recorded before.
 */
public record MarkPendingInput(
    LedgerRef ref,
    boolean keepPublicTracks,
    String requestedBy,
    Instant requestedAt,
    Instant scheduledFor,
    boolean takesOverLegacyDeletion) {

  public MarkPendingInput(
      LedgerRef ref,
      boolean keepPublicTracks,
      String requestedBy,
      Instant requestedAt,
      Instant scheduledFor) {
    this(ref, keepPublicTracks, requestedBy, requestedAt, scheduledFor, false);
  }
}
