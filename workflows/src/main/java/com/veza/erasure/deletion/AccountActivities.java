package com.veza.erasure.deletion;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The account's rows in PostgreSQL. Every method is idempotent: a retry changes nothing more. */
@ActivityInterface
public interface AccountActivities {

  /**
   * Soft-deletes the account now ({@code deleted_at}, {@code deletion_scheduled_for}), revokes its
   * sessions and opens the ledger row in phase SCHEDULED, recording there what it changed. Once the
   * row is RECOVERED or COMPLETED, a late attempt changes nothing.
   */
  @ActivityMethod
  MarkPendingResult markPendingDeletion(MarkPendingInput input);

  /**
   * Undoes what {@link #markPendingDeletion} recorded, nothing more (an account soft-deleted before
   * the request stays so; revoked sessions stay revoked), and closes the ledger row as RECOVERED.
   */
  @ActivityMethod
  RestoreResult restoreAccount(LedgerRef input);

  /** The user's track and playlist ids, read before anonymization changes anything. */
  @ActivityMethod
  OwnedContent collectOwnedContent(CollectContentInput input);

  /** Scrubs PII from users/user_profiles and removes or keeps content, in one transaction. */
  @ActivityMethod
  AnonymizeResult anonymizeAccount(AnonymizeInput input);
}
