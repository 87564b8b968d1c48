package com.veza.erasure.activities.deletion;

import com.veza.erasure.deletion.DeletionPhase;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The deletion ledger {@code deletion_requests}: one row per workflow run. Every write is keyed by
 * {@code run_id} and the user id, and is safe to repeat.
 */
public interface LedgerDao {

  /** What {@code markPendingDeletion} knows when it opens the row. */
  record NewEntry(
      UUID userId,
      String workflowId,
      String runId,
      boolean keepPublicTracks,
      String requestedBy,
      Instant requestedAt,
      Instant scheduledFor) {}

  /** One ledger row as stored; {@code receipt} is the JSON text of a {@link DeletionReceipt}. */
  record Entry(
      long id,
      UUID userId,
      String workflowId,
      String runId,
      boolean keepPublicTracks,
      String requestedBy,
      Instant requestedAt,
      Instant scheduledFor,
      Instant erasureStartedAt,
      Instant completedAt,
      DeletionPhase phase,
      String receipt,
      Instant updatedAt,
      Boolean accountSoftDeleted,
      Instant priorDeletionScheduledFor) {}

  /**
   * Opens the row with what the soft-delete changed on the account (V3), for the restore to undo. A
   * retried activity finds its own row already there and leaves it as the workflow moved it.
   */
  @SqlUpdate(
      """
      INSERT INTO deletion_requests
        (user_id, workflow_id, run_id, keep_public_tracks, requested_by, requested_at,
         scheduled_for, phase, updated_at, account_soft_deleted, prior_deletion_scheduled_for)
      VALUES
        (:userId, :workflowId, :runId, :keepPublicTracks, :requestedBy, :requestedAt,
         :scheduledFor, 'SCHEDULED', :now, :accountSoftDeleted, :priorDeletionScheduledFor)
      ON CONFLICT (run_id) DO NOTHING
      """)
  int insertScheduled(
      @BindMethods NewEntry entry,
      boolean accountSoftDeleted,
      Instant priorDeletionScheduledFor,
      Instant now);

  /**
   * Moves a row that is not final yet. {@code erasure_started_at} is set the first time the row
   * enters ERASING and kept when an operator's retry enters it again.
   */
  @SqlUpdate(
      """
      UPDATE deletion_requests
         SET phase = :phase,
             updated_at = :now,
             erasure_started_at = CASE WHEN :phase = 'ERASING'
                                       THEN COALESCE(erasure_started_at, :now)
                                       ELSE erasure_started_at END
       WHERE run_id = :runId AND user_id = :userId
         AND phase NOT IN ('RECOVERED', 'COMPLETED')
      """)
  int updatePhase(UUID userId, String runId, String phase, Instant now);

  @SqlUpdate(
      """
      UPDATE deletion_requests
         SET phase = 'RECOVERED',
             completed_at = COALESCE(completed_at, :now),
             updated_at = :now
       WHERE run_id = :runId AND user_id = :userId
         AND phase NOT IN ('RECOVERED', 'COMPLETED')
      """)
  int markRecovered(UUID userId, String runId, Instant now);

  /** Writing the same receipt again is harmless; the first completion time is kept. */
  @SqlUpdate(
      """
      UPDATE deletion_requests
         SET phase = 'COMPLETED',
             completed_at = COALESCE(completed_at, :completedAt),
             receipt = CAST(:receipt AS jsonb),
             updated_at = :now
       WHERE run_id = :runId AND user_id = :userId
      """)
  int complete(UUID userId, String runId, String receipt, Instant completedAt, Instant now);

  @SqlQuery("SELECT * FROM deletion_requests WHERE run_id = :runId")
  @RegisterConstructorMapper(Entry.class)
  Optional<Entry> findByRunId(String runId);
}
