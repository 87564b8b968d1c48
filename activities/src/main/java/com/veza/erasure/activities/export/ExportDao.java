package com.veza.erasure.activities.export;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code data_exports} rows as the workflow advances them. Each UPDATE only matches a row in a
 * state it may leave, so a retried activity changes nothing the second time.
 */
public interface ExportDao {

  record ExportRow(
      UUID id,
      UUID userId,
      String status,
      String storageKey,
      Long sizeBytes,
      String sha256,
      Instant anonymizedAt) {}

  @SqlQuery(
      "SELECT id, user_id, status, storage_key, size_bytes, sha256, anonymized_at FROM data_exports WHERE id = :id")
  @RegisterConstructorMapper(ExportRow.class)
  Optional<ExportRow> find(UUID id);

  /** A user still to export: present and not anonymized. */
  @SqlQuery("SELECT count(*) > 0 FROM users WHERE id = :userId AND anonymized_at IS NULL")
  boolean userExportable(UUID userId);

  @SqlQuery("SELECT email FROM users WHERE id = :userId AND anonymized_at IS NULL")
  Optional<String> emailOf(UUID userId);

  @SqlUpdate(
      """
      UPDATE data_exports SET status = 'RUNNING', started_at = COALESCE(started_at, :now)
       WHERE id = :id AND status IN ('PENDING', 'RUNNING') AND anonymized_at IS NULL
      """)
  int markRunning(UUID id, Instant now);

  /**
   * Publishes one attempt's file. Only the first key sticks: a second attempt's markReady changes
   * nothing, so the published file is never swapped for another.
   */
  @SqlUpdate(
      """
      UPDATE data_exports
         SET status = 'READY', completed_at = :readyAt, expires_at = :expiresAt, size_bytes = :sizeBytes,
             sha256 = :sha256, storage_key = :storageKey
       WHERE id = :id AND status IN ('PENDING', 'RUNNING') AND anonymized_at IS NULL
         AND storage_key IS NULL
      """)
  int markReady(
      UUID id,
      Instant readyAt,
      Instant expiresAt,
      long sizeBytes,
      String sha256,
      String storageKey);

  @SqlUpdate(
      """
      UPDATE data_exports SET status = 'FAILED', error_code = :errorCode, completed_at = :now
       WHERE id = :id AND status IN ('PENDING', 'RUNNING')
      """)
  int markFailed(UUID id, String errorCode, Instant now);

  @SqlUpdate(
      """
      UPDATE data_exports SET status = 'EXPIRED', storage_key = NULL
       WHERE id = :id AND status = 'READY'
      """)
  int markExpired(UUID id);

  @SqlUpdate("UPDATE data_exports SET email_sent_at = COALESCE(email_sent_at, :now) WHERE id = :id")
  int markEmailSent(UUID id, Instant now);

  @SqlQuery("SELECT email_sent_at IS NOT NULL FROM data_exports WHERE id = :id")
  Optional<Boolean> emailSent(UUID id);

  /** After erasure a row says only that an export existed, when, and how it ended. */
  @SqlUpdate(
      """
      UPDATE data_exports
         SET storage_key = NULL,
             status = CASE WHEN status = 'READY' THEN 'EXPIRED' ELSE status END,
             anonymized_at = COALESCE(anonymized_at, :now)
       WHERE user_id = :userId
         AND (storage_key IS NOT NULL OR status = 'READY' OR anonymized_at IS NULL)
      """)
  int anonymize(UUID userId, Instant now);
}
