package com.veza.erasure.export;

import java.time.Instant;

/** Query answer and workflow result; sizes and checksums only, no content. */
public record ExportStatus(
    String exportId,
    ExportState state,
    Instant readyAt,
    Instant expiresAt,
    long sizeBytes,
    String sha256,
    boolean emailSent,
    String errorCode) {}
