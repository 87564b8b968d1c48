package com.veza.erasure.deletion;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The completion notice's outbox (docs/design.md#notifications): anonymization removes the address
 * the notice goes to, so a copy waits in a row of the service's own, keyed by the ledger row, for
 * exactly as long as the notice takes.
 */
@ActivityInterface
public interface NoticeOutboxActivities {

  /**
   * Copies the user's address into the outbox, before anonymization; a retry writes the same row
   * again.
   *
   * @return false when notifications are off: nothing was staged and there is nothing to send
   */
  @ActivityMethod
  boolean stageCompletionNotice(LedgerRef input);

  /**
   * Deletes the outbox row of a completion notice that was given up on; returns the rows left (0).
   */
  @ActivityMethod
  long discardCompletionNotice(LedgerRef input);
}
