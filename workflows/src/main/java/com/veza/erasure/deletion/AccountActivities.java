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

  /**
   * The user's track and playlist ids, read before anonymization changes anything.
   *
   * @deprecated runs since {@code content-snapshot} call {@link #snapshotOwnedContent}: a result
   *     with every id outgrows Temporal's payload limit for a large account. Kept so that runs
   *     started before replay and finish.
   */
  @Deprecated
  @ActivityMethod
  OwnedContent collectOwnedContent(CollectContentInput input);

  /**
   * Writes the user's track and playlist ids to the content snapshot of the ledger row of {@code
   * input}, before anonymization changes anything, and returns their counts. A retry writes the
   * same set again. The first step of erasure, so it first runs the coverage check: a column or
   * index the erasure map neither covers nor ignores fails it with the non-retryable {@code
   * COVERAGE_GAP}, before anything is changed.
   */
  @ActivityMethod
  ContentSnapshot snapshotOwnedContent(LedgerRef input);

  /**
   * Scrubs PII from users/user_profiles and removes or keeps content, in one transaction. It finds
   * the rows by user id: {@link AnonymizeInput#content()} is not read, and is null since {@code
   * content-snapshot}.
   */
  @ActivityMethod
  AnonymizeResult anonymizeAccount(AnonymizeInput input);
}
