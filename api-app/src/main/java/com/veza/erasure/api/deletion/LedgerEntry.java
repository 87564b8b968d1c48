package com.veza.erasure.api.deletion;

import com.veza.erasure.deletion.DeletionPhase;
import java.time.Instant;
import java.util.UUID;

/** One row of the deletion ledger {@code deletion_requests}, without its receipt. */
public record LedgerEntry(
    long id,
    UUID userId,
    String workflowId,
    String runId,
    boolean keepPublicTracks,
    String requestedBy,
    Instant requestedAt,
    Instant scheduledFor,
    Instant erasureStartedAt,
    Instant completedAt,
    DeletionPhase phase,
    Instant updatedAt) {}
