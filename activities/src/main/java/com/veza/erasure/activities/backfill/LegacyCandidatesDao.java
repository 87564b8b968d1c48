package com.veza.erasure.activities.backfill;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The accounts the platform's old hard-delete worker soft-deleted and that no deletion of this
 * service holds, in keyset pages by id. The api-app's dry run reads the same condition (api-app's
 * {@code LegacyCandidatesReadDao}; a test checks both agree).
 */
public interface LegacyCandidatesDao {

  /**
   * Below every UUID in PostgreSQL's order (unsigned bytes): the cursor of the first page. Not
   * {@code Long.MIN_VALUE}, which Java's signed order puts first but PostgreSQL puts in the middle.
   */
  UUID FIRST = new UUID(0, 0);

  /**
   * Soft-deleted with a deadline (the old path's deletion; a suspension sets no deadline), not
   * anonymized, and no ledger row of this service that speaks for the account: any run not
   * recovered, or one recovered after the account's soft-delete (a recovery that left an account
   * suspended before the request soft-deleted). A soft-delete after a recovery is a new request.
   */
  String CANDIDATE =
      """
      u.deleted_at IS NOT NULL
      AND u.deletion_scheduled_for IS NOT NULL
      AND u.anonymized_at IS NULL
      AND NOT EXISTS (
        SELECT 1 FROM deletion_requests d
         WHERE d.user_id = u.id
           AND (d.phase <> 'RECOVERED' OR d.completed_at >= u.deleted_at))
      """;

  record Candidate(UUID id, Instant deletedAt, Instant deletionScheduledFor) {}

  @SqlQuery(
      "SELECT u.id, u.deleted_at, u.deletion_scheduled_for FROM users u WHERE "
          + CANDIDATE
          + " AND u.id > :after ORDER BY u.id LIMIT :limit")
  @RegisterConstructorMapper(Candidate.class)
  List<Candidate> page(UUID after, int limit);

  /** A retried attempt that starts nothing new writes nothing. */
  @SqlUpdate(
      """
      INSERT INTO legacy_backfill_starts
        (user_id, deletion_workflow_id, deletion_run_id, original_deadline, backfill_workflow_id,
         backfill_run_id, started_at)
      VALUES
        (:userId, :deletionWorkflowId, :deletionRunId, :originalDeadline, :backfillWorkflowId,
         :backfillRunId, :startedAt)
      ON CONFLICT (deletion_run_id) DO NOTHING
      """)
  int recordStart(
      UUID userId,
      String deletionWorkflowId,
      String deletionRunId,
      Instant originalDeadline,
      String backfillWorkflowId,
      String backfillRunId,
      Instant startedAt);
}
