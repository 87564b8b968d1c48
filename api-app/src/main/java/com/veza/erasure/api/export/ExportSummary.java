package com.veza.erasure.api.export;

import com.veza.erasure.export.ExportState;
import java.time.Instant;
import java.util.UUID;

/**
 * One of the user's exports as {@code GET /v1/me/exports} lists it: times, size and checksum only.
 */
public record ExportSummary(
    UUID id,
    ExportState status,
    Instant requestedAt,
    Instant completedAt,
    Instant expiresAt,
    Long sizeBytes,
    String sha256) {}
