package com.veza.erasure.activities.references;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * The user's names, other users' tracks that may name them, and {@code
 * deletion_third_party_references}. Every value is a bound parameter, names and patterns too.
 */
interface ReferenceDao {
  String POSTGRES = "postgres";
  String SEARCH = "search";

  record Names(String username, String displayName, Instant anonymizedAt) {}

  record Candidate(UUID id, String artist) {}

  record Counts(long found, long scrubbed) {}

  @SqlQuery("SELECT username, display_name, anonymized_at FROM users WHERE id = :userId")
  @RegisterConstructorMapper(Names.class)
  Optional<Names> names(UUID userId);

  /** The ledger row of a run, as the ledger's own writes find it: run id and user id. */
  @SqlQuery("SELECT id FROM deletion_requests WHERE run_id = :runId AND user_id = :userId")
  Optional<Long> deletionId(String runId, UUID userId);

  /**
   * The first keyset page of other users' tracks whose artist may name the user: the primary key's
   * order, so each page starts where the last ended and the table is read once, never held.
   */
  @SqlQuery(
      """
      SELECT id, artist FROM tracks
       WHERE creator_id <> :userId AND artist ILIKE ANY (:patterns)
       ORDER BY id LIMIT :limit
      """)
  @RegisterConstructorMapper(Candidate.class)
  List<Candidate> firstPage(UUID userId, String[] patterns, int limit);

  @SqlQuery(
      """
      SELECT id, artist FROM tracks
       WHERE creator_id <> :userId AND artist ILIKE ANY (:patterns) AND id > :after
       ORDER BY id LIMIT :limit
      """)
  @RegisterConstructorMapper(Candidate.class)
  List<Candidate> pageAfter(UUID userId, String[] patterns, UUID after, int limit);

  @SqlUpdate(
      """
      INSERT INTO deletion_third_party_references (deletion_id, store, track_id, scrubbed)
      VALUES (:deletionId, :store, :trackId, :scrubbed)
      ON CONFLICT (deletion_id, store, track_id) DO NOTHING
      """)
  int record(long deletionId, String store, UUID trackId, boolean scrubbed);

  /** Only if the artist is still what was read: a creator's edit since then wins. */
  @SqlUpdate("UPDATE tracks SET artist = :replaced WHERE id = :id AND artist = :artist")
  int rewriteArtist(UUID id, String artist, String replaced);

  /** The rewrite and its record commit together, so a retry counts what this attempt did. */
  @Transaction
  default boolean scrub(long deletionId, Candidate track, String replaced) {
    if (rewriteArtist(track.id(), track.artist(), replaced) == 0) {
      return false;
    }
    record(deletionId, POSTGRES, track.id(), true);
    return true;
  }

  @SqlQuery(
      """
      SELECT count(*) AS found, count(*) FILTER (WHERE scrubbed) AS scrubbed
        FROM deletion_third_party_references
       WHERE deletion_id = :deletionId AND store = :store
      """)
  @RegisterConstructorMapper(Counts.class)
  Counts count(long deletionId, String store);

  /** Once the receipt holds the counts, the ids that named the user go too. */
  @SqlUpdate(
      """
      DELETE FROM deletion_third_party_references
       WHERE deletion_id IN
             (SELECT id FROM deletion_requests WHERE run_id = :runId AND user_id = :userId)
      """)
  int deleteFor(String runId, UUID userId);
}
