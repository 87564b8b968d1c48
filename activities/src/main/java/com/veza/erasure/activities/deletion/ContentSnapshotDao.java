package com.veza.erasure.activities.deletion;

import com.veza.erasure.deletion.ContentSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * {@code deletion_content_snapshot} (docs/design.md#content-snapshot): the ids a deletion found
 * before anonymization, keyed by its ledger row, written by the erasure map's snapshot rules
 * ({@link com.veza.erasure.activities.mapsql.MapSnapshot}). Set-based statements only: an account
 * with a million tracks never passes through the worker's heap in one piece.
 *
 * <p>{@code is_public}: the row is kept by its rule's keep rule (a track public and not
 * soft-deleted).
 */
public interface ContentSnapshotDao {

  /** The ledger row of a run, as the ledger's own writes find it: run id and user id. */
  @SqlQuery("SELECT id FROM deletion_requests WHERE run_id = :runId AND user_id = :userId")
  Optional<Long> deletionId(String runId, UUID userId);

  @SqlQuery(
      """
      SELECT count(*) FILTER (WHERE kind = 'track') AS tracks,
             count(*) FILTER (WHERE kind = 'track' AND is_public) AS public_tracks,
             count(*) FILTER (WHERE kind = 'playlist') AS playlists
        FROM deletion_content_snapshot WHERE deletion_id = :deletionId
      """)
  @RegisterConstructorMapper(ContentSnapshot.class)
  ContentSnapshot count(long deletionId);

  /**
   * The first keyset page of ids of {@code kind}, in id order.
   *
   * @param isPublic only the ids with this visibility; null: all
   */
  @SqlQuery(
      """
      SELECT content_id FROM deletion_content_snapshot
       WHERE deletion_id = :deletionId AND kind = :kind
         AND (CAST(:isPublic AS boolean) IS NULL OR is_public = :isPublic)
       ORDER BY content_id
       LIMIT :limit
      """)
  List<UUID> firstPage(long deletionId, String kind, Boolean isPublic, int limit);

  /** The keyset page after {@code after}, the last id of the page before. */
  @SqlQuery(
      """
      SELECT content_id FROM deletion_content_snapshot
       WHERE deletion_id = :deletionId AND kind = :kind AND content_id > :after
         AND (CAST(:isPublic AS boolean) IS NULL OR is_public = :isPublic)
       ORDER BY content_id
       LIMIT :limit
      """)
  List<UUID> pageAfter(long deletionId, String kind, UUID after, Boolean isPublic, int limit);

  /**
   * Which of {@code ids} of {@code kind} are kept rows, as strings: the by-field sweep asks this
   * for each page of search hits (the primary key serves the lookup).
   */
  default Set<String> keptAmong(long deletionId, String kind, List<UUID> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    return keptIdsAmong(deletionId, kind, ids).stream()
        .map(UUID::toString)
        .collect(Collectors.toSet());
  }

  @SqlQuery(
      """
      SELECT content_id FROM deletion_content_snapshot
       WHERE deletion_id = :deletionId AND kind = :kind AND is_public
         AND content_id IN (<ids>)
      """)
  List<UUID> keptIdsAmong(long deletionId, String kind, @BindList("ids") List<UUID> ids);

  /** Once the receipt is stored, no step reads the ids again. */
  @SqlUpdate(
      """
      DELETE FROM deletion_content_snapshot
       WHERE deletion_id IN
             (SELECT id FROM deletion_requests WHERE run_id = :runId AND user_id = :userId)
      """)
  int deleteFor(String runId, UUID userId);
}
