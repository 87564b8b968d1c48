package com.veza.erasure.deletion;

import java.time.Instant;

public record MarkPendingInput(
    LedgerRef ref,
    boolean keepPublicTracks,
    String requestedBy,
    Instant requestedAt,
    Instant scheduledFor) {}
