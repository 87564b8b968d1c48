package com.veza.erasure.deletion;

/** Identifies one deletion: the user and the workflow run whose ledger row is written. */
public record LedgerRef(String userId, String workflowId, String runId) {}
