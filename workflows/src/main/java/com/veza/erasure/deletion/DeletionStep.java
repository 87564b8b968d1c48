package com.veza.erasure.deletion;

/**
 * The steps of docs/design.md#deletion-steps. New steps are appended, so the names in stored
 * receipts keep their meaning; ERASE_EXPORTS runs right after ANONYMIZE, THIRD_PARTY_REFERENCES
 * right before it. A NOTIFY_ step that fails is given up on: the deletion goes on without it.
 */
public enum DeletionStep {
  MARK_PENDING,
  RESTORE,
  COLLECT_CONTENT,
  ANONYMIZE,
  PURGE_CACHE,
  PURGE_SEARCH,
  VERIFY,
  RECORD_RECEIPT,
  /**
   * The user's data export files deleted and their rows anonymized (since version 1 of
   * "erase-user-exports").
   */
  ERASE_EXPORTS,
  /**
   * Other users' tracks whose artist names the user, counted (and scrubbed when configured) before
   * anonymization (since version 1 of "third-party-references").
   */
  THIRD_PARTY_REFERENCES,
  /** The email that the deletion is scheduled, with its deadline (since "notify-user"). */
  NOTIFY_SCHEDULED,
  /** The email that the account was recovered (since "notify-user"). */
  NOTIFY_RECOVERED,
  /** The email that erasure completed, with the receipt's id (since "notify-user"). */
  NOTIFY_COMPLETED
}
