package com.veza.erasure.api.export;

import com.veza.erasure.export.ExportState;
import java.time.Instant;
import java.util.UUID;

/** What a download needs to know about an export row. */
public record ExportFile(UUID id, ExportState status, Instant expiresAt, String storageKey) {}
