package com.veza.erasure.api.deletion;

import com.veza.erasure.deletion.DeletionReceipt;
import com.veza.erasure.deletion.DeletionStatus;

/**
 * What an operator sees for one user's deletion.
 *
 * @param source {@code workflow} when Temporal still has the run, {@code ledger} once it is gone
 *     (past the namespace's retention), read from the latest ledger row
 * @param status the workflow's {@code status()} query; null when the source is the ledger
 * @param receipt the erasure (or recovery) receipt once the deletion closed, else null
 * @param ledger the latest ledger row for the user, if any
 */
public record AdminDeletionView(
    String source, DeletionStatus status, DeletionReceipt receipt, LedgerEntry ledger) {}
