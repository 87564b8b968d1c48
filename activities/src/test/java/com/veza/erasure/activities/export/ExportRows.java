package com.veza.erasure.activities.export;

import com.veza.erasure.activities.db.Jdbis;
import com.veza.erasure.activities.db.Migrations;
import com.veza.erasure.testing.TestDatabase;
import com.veza.erasure.testing.TestPostgres;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Platform rows and export rows for the export tests, written with bound parameters. */
final class ExportRows {

  static TestDatabase freshDatabase() {
    return TestPostgres.shared()
        .newDatabase("veza-erasure-postgres-v1", ds -> Migrations.migrate(ds, true));
  }

  final Jdbi jdbi;

  ExportRows(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  static ExportRows on(TestDatabase db) {
    return new ExportRows(Jdbis.create(db.dataSource()));
  }

  void user(UUID id, String name) {
    jdbi.useHandle(
        h -> {
          h.createUpdate(
                  """
          INSERT INTO users (id, email, username, display_name, password_hash)
          VALUES (:id, :email, :name, :display, :hash)
          """)
              .bind("id", id)
              .bind("email", name + "@example.com")
              .bind("name", name)
              .bind("display", name + " Display")
              .bind("hash", "$2a$10$secret-hash-of-" + name)
              .execute();
          h.createUpdate(
                  "INSERT INTO user_profiles (user_id, bio, location) VALUES (:id, :bio, 'Lyon')")
              .bind("id", id)
              .bind("bio", "I am " + name)
              .execute();
        });
  }

  UUID track(UUID creator, String title) {
    UUID id = UUID.randomUUID();
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO tracks (id, creator_id, title, artist, is_public) VALUES (:id, :c, :t, :t, true)")
                .bind("id", id)
                .bind("c", creator)
                .bind("t", title)
                .execute());
    return id;
  }

  UUID playlist(UUID owner, UUID... tracks) {
    UUID id = UUID.randomUUID();
    jdbi.useHandle(
        h -> {
          h.createUpdate("INSERT INTO playlists (id, user_id, title) VALUES (:id, :o, 'Mix')")
              .bind("id", id)
              .bind("o", owner)
              .execute();
          for (int i = 0; i < tracks.length; i++) {
            h.createUpdate(
                    "INSERT INTO playlist_tracks (playlist_id, track_id, position) VALUES (:p, :t, :i)")
                .bind("p", id)
                .bind("t", tracks[i])
                .bind("i", i)
                .execute();
          }
        });
    return id;
  }

  UUID message(UUID sender, UUID recipient, String body) {
    UUID id = UUID.randomUUID();
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO messages (id, sender_id, recipient_id, body) VALUES (:id, :s, :r, :b)")
                .bind("id", id)
                .bind("s", sender)
                .bind("r", recipient)
                .bind("b", body)
                .execute());
    return id;
  }

  /** {@code count} plays of {@code track}, generated in PostgreSQL. */
  void plays(UUID user, UUID track, long count) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
            INSERT INTO playback_history (user_id, track_id, played_at, ms_played)
            SELECT :u, :t, timestamptz '2026-01-01T00:00:00Z' + g * interval '1 second', (g % 300000)::int
              FROM generate_series(1, :n) AS g
            """)
                .bind("u", user)
                .bind("t", track)
                .bind("n", count)
                .execute());
  }

  UUID export(UUID user, Instant requestedAt) {
    UUID id = UUID.randomUUID();
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO data_exports (id, user_id, status, requested_at) VALUES (:id, :u, 'PENDING', :at)")
                .bind("id", id)
                .bind("u", user)
                .bind("at", requestedAt)
                .execute());
    return id;
  }

  Map<String, Object> exportRow(UUID id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT * FROM data_exports WHERE id = :id")
                .bind("id", id)
                .mapToMap()
                .one());
  }
}
