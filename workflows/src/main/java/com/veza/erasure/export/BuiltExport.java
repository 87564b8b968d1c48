package com.veza.erasure.export;

import java.util.Map;

/**
 * A published export file.
 *
 * @param rowCounts rows written per file, e.g. {@code playback_history.json -> 1000000}
 */
public record BuiltExport(
    String storageKey, long sizeBytes, String sha256, Map<String, Long> rowCounts) {}
