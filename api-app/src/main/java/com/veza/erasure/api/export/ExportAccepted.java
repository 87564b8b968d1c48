package com.veza.erasure.api.export;

import com.veza.erasure.export.ExportState;
import java.util.UUID;

/** The answer to {@code POST /v1/me/export}: the new export, not built yet. */
public record ExportAccepted(UUID exportId, ExportState status) {}
