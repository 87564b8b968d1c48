package com.veza.erasure.deletion;

import java.time.Instant;
import java.util.Map;

/**
 * The erasure receipt (GDPR Art. 5(2) accountability): the workflow's result, stored in the
 * deletion ledger. Identifiers, times, outcomes and counts; never a name, email or content.
 */
public record DeletionReceipt(
    String userId,
    DeletionPhase outcome,
    boolean keepPublicTracks,
    Instant requestedAt,
    Instant scheduledFor,
    Instant erasureStartedAt,
    Instant finishedAt,
    Map<DeletionStep, StepOutcome> steps,
    VerificationReport verification) {}
