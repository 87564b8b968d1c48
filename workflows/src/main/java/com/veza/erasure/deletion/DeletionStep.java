package com.veza.erasure.deletion;

/** The steps of DESIGN.md §3, in the order the workflow runs them. */
public enum DeletionStep {
  MARK_PENDING,
  RESTORE,
  COLLECT_CONTENT,
  ANONYMIZE,
  PURGE_CACHE,
  PURGE_SEARCH,
  VERIFY,
  RECORD_RECEIPT
}
