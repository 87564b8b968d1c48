package com.veza.erasure.deletion;

import java.time.Instant;

/**
 * One phase change of a deletion, for its ledger row.
 *
 * @param sequence numbers the run's phase writes in the order the workflow made them, from 1: the
 *     row keeps the newest, so a write that lands late (retried through an outage) cannot overwrite
 *     a later phase. 0 for a write made before writes were numbered: it applies unordered.
 * @param changedAt the workflow's time of the change, not the time the write landed
 */
public record PhaseChange(LedgerRef ref, DeletionPhase phase, long sequence, Instant changedAt) {}
