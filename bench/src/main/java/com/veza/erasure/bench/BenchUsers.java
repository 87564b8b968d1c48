package com.veza.erasure.bench;

import co.elastic.clients.elasticsearch.core.BulkRequest;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Accounts shaped like an ordinary listener-creator: a profile, {@value #TRACKS} tracks (a third of
 * them public), two playlists, playback history, sessions, a few cache keys and their search docs.
 */
final class BenchUsers {

  static final int TRACKS = 10;
  private static final String TRACKS_MAPPING =
      """
      {"mappings": {"properties": {
        "title": {"type": "text"},
        "artist": {"type": "text", "fields": {"raw": {"type": "keyword"}}},
        "creator_id": {"type": "keyword"},
        "creator_name": {"type": "text"},
        "is_public": {"type": "boolean"}}}}
      """;

  private BenchUsers() {}

  static List<UUID> seed(BenchStores stores, int count) throws IOException {
    List<UUID> users = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      users.add(UUID.randomUUID());
    }
    for (int from = 0; from < count; from += 500) {
      List<UUID> page = users.subList(from, Math.min(count, from + 500));
      stores.jdbi.useTransaction(h -> page.forEach(u -> insert(h, u)));
    }
    seedRedis(stores, users);
    seedSearch(stores, users);
    return users;
  }

  private static void insert(Handle h, UUID user) {
    String name = user.toString().substring(0, 8);
    h.createUpdate(
            "INSERT INTO users (id, email, username, display_name, password_hash)"
                + " VALUES (:id, :email, :username, :name, 'x')")
        .bind("id", user)
        .bind("email", name + "@bench.invalid")
        .bind("username", "bench_" + user.toString().replace("-", ""))
        .bind("name", "Bench " + name)
        .execute();
    h.createUpdate("INSERT INTO user_profiles (user_id, bio, location) VALUES (:id, 'bio', 'here')")
        .bind("id", user)
        .execute();
    List<UUID> tracks = new ArrayList<>();
    for (int t = 0; t < TRACKS; t++) {
      UUID track = trackId(user, t);
      tracks.add(track);
      h.createUpdate(
              "INSERT INTO tracks (id, creator_id, title, artist, is_public)"
                  + " VALUES (:id, :user, :title, :artist, :public)")
          .bind("id", track)
          .bind("user", user)
          .bind("title", "Track " + t)
          .bind("artist", "Bench " + name)
          .bind("public", t % 3 == 0)
          .execute();
    }
    for (int p = 0; p < 2; p++) {
      UUID playlist = playlistId(user, p);
      h.createUpdate("INSERT INTO playlists (id, user_id, title) VALUES (:id, :user, 'mix')")
          .bind("id", playlist)
          .bind("user", user)
          .execute();
      for (int pos = 0; pos < 3; pos++) {
        h.createUpdate(
                "INSERT INTO playlist_tracks (playlist_id, track_id, position) VALUES (:p, :t, :pos)")
            .bind("p", playlist)
            .bind("t", tracks.get(pos))
            .bind("pos", pos)
            .execute();
      }
    }
    for (int s = 0; s < 5; s++) {
      h.createUpdate("INSERT INTO playback_history (user_id, track_id) VALUES (:user, :track)")
          .bind("user", user)
          .bind("track", tracks.get(s))
          .execute();
    }
    for (int s = 0; s < 2; s++) {
      h.createUpdate(
              "INSERT INTO sessions (id, user_id, token_hash, expires_at)"
                  + " VALUES (:id, :user, :hash, :expires)")
          .bind("id", UUID.randomUUID())
          .bind("user", user)
          .bind("hash", UUID.randomUUID().toString())
          .bind("expires", Instant.now().plusSeconds(86_400))
          .execute();
    }
  }

  private static void seedRedis(BenchStores stores, List<UUID> users) {
    RedisClient client = RedisClient.create(stores.redis.settings().uri());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      for (UUID user : users) {
        for (String suffix : List.of("profile", "feed", "recent")) {
          connection.sync().set("user:" + user + ":" + suffix, "x");
        }
      }
    } finally {
      client.shutdown();
    }
  }

  private static void seedSearch(BenchStores stores, List<UUID> users) throws IOException {
    var client = stores.searchClient;
    if (!client.indices().exists(e -> e.index(stores.search.tracksIndex())).value()) {
      client
          .indices()
          .create(
              c -> c.index(stores.search.tracksIndex()).withJson(new StringReader(TRACKS_MAPPING)));
      client.indices().create(c -> c.index(stores.search.usersIndex()));
      client.indices().create(c -> c.index(stores.search.playlistsIndex()));
    }
    for (int from = 0; from < users.size(); from += 200) {
      BulkRequest.Builder bulk = new BulkRequest.Builder();
      for (UUID user : users.subList(from, Math.min(users.size(), from + 200))) {
        String owner = user.toString();
        bulk.operations(
            op ->
                op.index(
                    x ->
                        x.index(stores.search.usersIndex())
                            .id(owner)
                            .document(Map.of("username", "bench", "display_name", "Bench"))));
        for (int t = 0; t < TRACKS; t++) {
          String id = trackId(user, t).toString();
          boolean isPublic = t % 3 == 0;
          bulk.operations(
              op ->
                  op.index(
                      x ->
                          x.index(stores.search.tracksIndex())
                              .id(id)
                              .document(
                                  Map.of(
                                      "title", "Track",
                                      "artist", "Bench",
                                      "creator_id", owner,
                                      "creator_name", "Bench",
                                      "is_public", isPublic))));
        }
        for (int p = 0; p < 2; p++) {
          String id = playlistId(user, p).toString();
          bulk.operations(
              op ->
                  op.index(
                      x ->
                          x.index(stores.search.playlistsIndex())
                              .id(id)
                              .document(Map.of("title", "mix", "user_id", owner))));
        }
      }
      if (client.bulk(bulk.build()).errors()) {
        throw new IllegalStateException("seeding the search indices failed");
      }
    }
    client.indices().refresh(r -> r.index(stores.search.tracksIndex()));
  }

  /** Stable per user, so the seed of Redis and Elasticsearch can name the rows' ids. */
  private static UUID trackId(UUID user, int n) {
    return UUID.nameUUIDFromBytes(
        (user + ":track:" + n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static UUID playlistId(UUID user, int n) {
    return UUID.nameUUIDFromBytes(
        (user + ":playlist:" + n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
