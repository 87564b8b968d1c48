package com.veza.erasure.export;

import java.util.UUID;

/** The answer to {@code POST /v1/me/export}: the new export, not built yet. */
public record ExportAccepted(UUID exportId, ExportState status) {}
