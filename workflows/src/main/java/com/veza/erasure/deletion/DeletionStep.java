package com.veza.erasure.deletion;

/**
 * The steps of docs/design.md#deletion-steps. New steps are appended, so the names in stored
 * receipts keep their meaning; ERASE_EXPORTS runs right after ANONYMIZE.
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
  ERASE_EXPORTS
}
