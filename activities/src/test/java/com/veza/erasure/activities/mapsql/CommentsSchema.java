package com.veza.erasure.activities.mapsql;

import com.veza.erasure.activities.db.Jdbis;
import com.veza.erasure.activities.db.Migrations;
import com.veza.erasure.testing.TestPostgres;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The database of the custom-map tests: a fresh reference schema with a {@code comments} table the
 * reference map does not know (pinned comments are what a keep rule keeps), and the given users.
 */
public final class CommentsSchema {
  private CommentsSchema() {}

  /** A fresh database with {@code comments} and one {@code users} row per id. */
  public static Jdbi create(UUID... users) {
    Jdbi jdbi =
        Jdbis.create(
            TestPostgres.shared()
                .newDatabase("veza-erasure-postgres-v1", ds -> Migrations.migrate(ds, true))
                .dataSource());
    jdbi.useHandle(
        h -> {
          h.execute(
              """
              CREATE TABLE comments (
                  id      uuid PRIMARY KEY,
                  user_id uuid NOT NULL REFERENCES users (id),
                  body    text NOT NULL,
                  pinned  boolean NOT NULL DEFAULT false
              )
              """);
          for (UUID user : users) {
            h.execute(
                "INSERT INTO users (id, email, username, display_name) VALUES (?, ?, ?, 'Someone')",
                user,
                user + "@example.com",
                "u" + user);
          }
        });
    return jdbi;
  }

  /** A new comment of {@code user}; returns its id. */
  public static UUID comment(Jdbi jdbi, UUID user, boolean pinned) {
    UUID id = UUID.randomUUID();
    jdbi.useHandle(
        h ->
            h.execute(
                "INSERT INTO comments (id, user_id, body, pinned) VALUES (?, ?, 'Jane wrote', ?)",
                id,
                user,
                pinned));
    return id;
  }

  /**
   * The ledger row of an erasing deletion of {@code user} (workflow {@code wf}, run {@code run-1}),
   * as MARK_PENDING would have opened it; returns its id.
   */
  public static long erasingLedgerRow(Jdbi jdbi, UUID user, boolean keep, Instant now) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    INSERT INTO deletion_requests (user_id, workflow_id, run_id,
                      keep_public_tracks, requested_by, requested_at, scheduled_for, phase)
                    VALUES (:user, 'wf', 'run-1', :keep, 'user', :now, :now, 'ERASING')
                    RETURNING id
                    """)
                .bind("user", user)
                .bind("keep", keep)
                .bind("now", now)
                .mapTo(Long.class)
                .one());
  }
}
