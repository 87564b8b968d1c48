package com.veza.erasure.api.backfill;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The api-app's read of the legacy backfill's candidates: the accounts the platform's old path
 * soft-deleted with a deadline, not anonymized, that no deletion of this service holds. The same
 * condition as the worker's {@code LegacyCandidatesDao} (activities module), which the api-app
 * cannot depend on; {@code AdminBackfillTest} checks a dry run lists what a pass then starts.
 */
public interface LegacyCandidatesReadDao {

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

  @SqlQuery("SELECT count(*) FROM users u WHERE " + CANDIDATE)
  long count();

  /** The first {@code limit} in the order a pass starts them (by id). */
  @SqlQuery("SELECT u.id FROM users u WHERE " + CANDIDATE + " ORDER BY u.id LIMIT :limit")
  List<UUID> first(@Bind("limit") int limit);

  /** The old path's deadline of this account, when it is a candidate. */
  @SqlQuery("SELECT u.deletion_scheduled_for FROM users u WHERE u.id = :userId AND " + CANDIDATE)
  Optional<Instant> deadlineOf(@Bind("userId") UUID userId);
}
