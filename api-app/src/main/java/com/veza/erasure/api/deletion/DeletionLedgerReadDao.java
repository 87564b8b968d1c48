package com.veza.erasure.api.deletion;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The api-app's read side of the deletion ledger (the activities write it). Keyset pagination by
 * {@code id}: stable while rows are added, and cheap at any depth.
 */
@RegisterConstructorMapper(LedgerEntry.class)
public interface DeletionLedgerReadDao {

  String COLUMNS =
      """
      id, user_id, workflow_id, run_id, keep_public_tracks, requested_by, requested_at,
      scheduled_for, erasure_started_at, completed_at, phase, updated_at""";

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + """
       FROM deletion_requests
      WHERE (CAST(:phase AS text) IS NULL OR phase = :phase)
        AND id > :after
      ORDER BY id
      LIMIT :limit""")
  List<LedgerEntry> page(
      @Bind("phase") String phase, @Bind("after") long after, @Bind("limit") int limit);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + ", receipt::text AS receipt"
          + " FROM deletion_requests WHERE user_id = :userId ORDER BY id DESC LIMIT 1")
  @RegisterConstructorMapper(LedgerReceipt.class)
  Optional<LedgerReceipt> latest(@Bind("userId") UUID userId);
}
