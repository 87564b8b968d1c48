package com.veza.erasure.export;

import java.time.Duration;
import java.time.Instant;

/**
 * The input of one data export.
 *
 * @param exportId the {@code data_exports} row's UUID, created by the API
 * @param userId the owner's UUID; never an email or name (those are read by the activities)
 * @param linkLifetime how long the download link lives before the file is deleted (default 7 days)
 */
public record ExportRequest(
    String exportId, String userId, Instant requestedAt, Duration linkLifetime) {
  public static final Duration DEFAULT_LINK_LIFETIME = Duration.ofDays(7);
}
