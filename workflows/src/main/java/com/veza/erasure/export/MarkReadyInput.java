package com.veza.erasure.export;

import java.time.Instant;

public record MarkReadyInput(
    String exportId, BuiltExport built, Instant readyAt, Instant expiresAt) {}
