package com.veza.erasure.activities.deletion;

import com.veza.erasure.activities.db.Jdbis;
import com.veza.erasure.activities.db.Migrations;
import com.veza.erasure.testing.TestDatabase;
import com.veza.erasure.testing.TestPostgres;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Test rows in the platform reference schema, written with bound parameters. */
final class PlatformRows {
  /** Both schema groups; one template per test JVM, a fresh copy per test. */
  static Jdbi freshDatabase() {
    return Jdbis.create(freshTestDatabase().dataSource());
  }

  static TestDatabase freshTestDatabase() {
    return TestPostgres.shared()
        .newDatabase("veza-erasure-postgres-v1", ds -> Migrations.migrate(ds, true));
  }

  private final Jdbi jdbi;

  PlatformRows(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A user with every PII column filled, profile included. */
  void user(UUID id, String name) {
    jdbi.useHandle(
        h -> {
          h.createUpdate(
                  """
                  INSERT INTO users (id, email, username, display_name, password_hash)
                  VALUES (:id, :email, :username, :displayName, :hash)
                  """)
              .bind("id", id)
              .bind("email", name + "@example.com")
              .bind("username", name)
              .bind("displayName", name + " Display")
              .bind("hash", "$2a$10$hash-of-" + name)
              .execute();
          h.createUpdate(
                  """
                  INSERT INTO user_profiles
                    (user_id, bio, avatar_url, location, birthdate, phone, website)
                  VALUES (:id, :bio, :avatar, 'Lyon', :birthdate, '+33 6 00 00 00 00', :website)
                  """)
              .bind("id", id)
              .bind("bio", "I am " + name)
              .bind("avatar", "https://cdn.example/" + name + ".png")
              .bind("birthdate", LocalDate.of(1990, 1, 2))
              .bind("website", "https://" + name + ".example")
              .execute();
        });
  }

  UUID track(UUID creator, boolean isPublic, String artist) {
    return track(creator, isPublic, artist, null);
  }

  UUID track(UUID creator, boolean isPublic, String artist, Instant deletedAt) {
    UUID id = UUID.randomUUID();
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
                    INSERT INTO tracks (id, creator_id, title, artist, is_public, deleted_at)
                    VALUES (:id, :creator, :title, :artist, :isPublic, :deletedAt)
                    """)
                .bind("id", id)
                .bind("creator", creator)
                .bind("title", "Song " + id)
                .bind("artist", artist)
                .bind("isPublic", isPublic)
                .bind("deletedAt", deletedAt)
                .execute());
    return id;
  }

  UUID playlist(UUID owner, UUID... tracks) {
    UUID id = UUID.randomUUID();
    jdbi.useHandle(
        h -> {
          h.createUpdate("INSERT INTO playlists (id, user_id, title) VALUES (:id, :owner, 'Mix')")
              .bind("id", id)
              .bind("owner", owner)
              .execute();
          for (int i = 0; i < tracks.length; i++) {
            h.createUpdate(
                    "INSERT INTO playlist_tracks (playlist_id, track_id, position) VALUES (:p, :t,"
                        + " :i)")
                .bind("p", id)
                .bind("t", tracks[i])
                .bind("i", i)
                .execute();
          }
        });
    return id;
  }

  void message(UUID sender, UUID recipient, String body) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO messages (id, sender_id, recipient_id, body) VALUES (:id, :s, :r,"
                        + " :b)")
                .bind("id", UUID.randomUUID())
                .bind("s", sender)
                .bind("r", recipient)
                .bind("b", body)
                .execute());
  }

  void play(UUID user, UUID track) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO playback_history (user_id, track_id, ms_played) VALUES (:u, :t,"
                        + " 1000)")
                .bind("u", user)
                .bind("t", track)
                .execute());
  }

  void session(UUID user) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
                    INSERT INTO sessions (id, user_id, token_hash, expires_at)
                    VALUES (:id, :u, :token, now() + interval '1 day')
                    """)
                .bind("id", UUID.randomUUID())
                .bind("u", user)
                .bind("token", UUID.randomUUID().toString())
                .execute());
  }

  long count(String sql, Object... args) {
    return jdbi.withHandle(
        h -> {
          var q = h.createQuery(sql);
          for (int i = 0; i < args.length; i++) {
            q.bind(i, args[i]);
          }
          return q.mapTo(Long.class).one();
        });
  }

  /**
   * Every row that belongs to {@code user}, as text, so a before/after comparison proves another
   * user's rows were not touched.
   */
  List<String> rowsOf(UUID user) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    SELECT 'users ' || u::text FROM users u WHERE id = :u
                    UNION ALL SELECT 'user_profiles ' || p::text FROM user_profiles p WHERE user_id = :u
                    UNION ALL SELECT 'tracks ' || t::text FROM tracks t WHERE creator_id = :u
                    UNION ALL SELECT 'playlists ' || p::text FROM playlists p WHERE user_id = :u
                    UNION ALL SELECT 'messages ' || m::text FROM messages m WHERE sender_id = :u
                    UNION ALL SELECT 'playback ' || ph::text FROM playback_history ph WHERE user_id = :u
                    UNION ALL SELECT 'sessions ' || s::text FROM sessions s WHERE user_id = :u
                    ORDER BY 1
                    """)
                .bind("u", user)
                .mapTo(String.class)
                .list());
  }
}
