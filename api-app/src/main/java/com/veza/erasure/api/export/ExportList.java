package com.veza.erasure.api.export;

import java.util.List;

/** The user's most recent exports, newest first. */
public record ExportList(List<ExportSummary> items) {}
