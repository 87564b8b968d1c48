package com.veza.erasure.deletion;

import java.time.Instant;
import java.util.Map;

/** Answer of the {@code status()} query: enough for the API and an operator, no personal data. */
public record DeletionStatus(
    String userId,
    DeletionPhase phase,
    boolean keepPublicTracks,
    Instant requestedAt,
    Instant scheduledFor,
    Map<DeletionStep, StepOutcome> steps,
    DeletionReceipt receipt) {}
