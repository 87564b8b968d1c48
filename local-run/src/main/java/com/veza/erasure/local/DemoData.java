package com.veza.erasure.local;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import com.veza.erasure.activities.search.SearchClientFactory;
import com.veza.erasure.activities.search.SearchSettings;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A few demo users with rows in every platform table, cache keys and search documents. */
final class DemoData {
  private static final Logger log = LoggerFactory.getLogger(DemoData.class);
  private static final String[] NAMES = {"ada", "grace", "linus"};

  private final Jdbi jdbi;

  DemoData(DataSource dataSource) {
    this.jdbi = Jdbi.create(dataSource);
  }

  /** A seeded user: its id and display name. */
  record User(UUID id, String name) {}

  /** Seeds the demo users (idempotent per run: fresh ids each time) and returns them. */
  List<User> seed(String redisUriOrNull, String searchUrlOrNull) {
    List<User> users = new ArrayList<>();
    for (String name : NAMES) {
      UUID id = UUID.randomUUID();
      String handle = name + "_" + id.toString().substring(0, 8);
      List<UUID> tracks = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
      UUID playlist = UUID.randomUUID();
      jdbi.useTransaction(
          h -> {
            h.createUpdate(
                    "INSERT INTO users (id, email, username, display_name, password_hash)"
                        + " VALUES (:id, :email, :username, :name, 'demo-hash')")
                .bind("id", id)
                .bind("email", handle + "@example.com")
                .bind("username", handle)
                .bind("name", capitalize(name))
                .execute();
            h.createUpdate(
                    "INSERT INTO user_profiles (user_id, bio, location, website)"
                        + " VALUES (:id, :bio, 'Paris', :site)")
                .bind("id", id)
                .bind("bio", "Demo user " + capitalize(name))
                .bind("site", "https://" + handle + ".example")
                .execute();
            for (int i = 0; i < tracks.size(); i++) {
              h.createUpdate(
                      "INSERT INTO tracks (id, creator_id, title, artist, is_public)"
                          + " VALUES (:id, :creator, :title, :artist, :public)")
                  .bind("id", tracks.get(i))
                  .bind("creator", id)
                  .bind("title", "Demo song " + (i + 1))
                  .bind("artist", capitalize(name))
                  .bind("public", i < 2)
                  .execute();
            }
            h.createUpdate(
                    "INSERT INTO playlists (id, user_id, title) VALUES (:id, :owner, 'Favourites')")
                .bind("id", playlist)
                .bind("owner", id)
                .execute();
            h.createUpdate(
                    "INSERT INTO playlist_tracks (playlist_id, track_id, position) VALUES (:p, :t, 0)")
                .bind("p", playlist)
                .bind("t", tracks.get(0))
                .execute();
            h.createUpdate(
                    "INSERT INTO sessions (id, user_id, token_hash, expires_at)"
                        + " VALUES (:id, :user, :token, now() + interval '1 day')")
                .bind("id", UUID.randomUUID())
                .bind("user", id)
                .bind("token", UUID.randomUUID().toString())
                .execute();
            h.createUpdate(
                    "INSERT INTO playback_history (user_id, track_id, ms_played) VALUES (:user, :track, 180000)")
                .bind("user", id)
                .bind("track", tracks.get(0))
                .execute();
          });
      if (redisUriOrNull != null) {
        seedCache(redisUriOrNull, id);
      }
      if (searchUrlOrNull != null) {
        seedSearch(searchUrlOrNull, id, name, tracks, playlist);
      }
      users.add(new User(id, capitalize(name)));
      log.info("demo user {} ({}): 3 tracks, 1 playlist, 1 session", id, capitalize(name));
    }
    return users;
  }

  private static void seedCache(String uri, UUID id) {
    RedisClient client = RedisClient.create(uri);
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      for (String key : List.of("profile", "session", "feed", "recent")) {
        c.sync().set("user:" + id + ":" + key, "demo");
      }
    } finally {
      client.shutdown();
    }
  }

  private static void seedSearch(
      String url, UUID id, String name, List<UUID> tracks, UUID playlist) {
    ElasticsearchClient es = SearchClientFactory.create(SearchSettings.of(url));
    try {
      es.index(
          i ->
              i.index("users")
                  .id(id.toString())
                  .document(Map.of("display_name", capitalize(name)))
                  .refresh(Refresh.True));
      for (int t = 0; t < tracks.size(); t++) {
        Map<String, Object> doc =
            Map.of(
                "title",
                "Demo song " + (t + 1),
                "artist",
                capitalize(name),
                "creator_id",
                id.toString(),
                "creator_name",
                capitalize(name),
                "is_public",
                t < 2);
        UUID track = tracks.get(t);
        es.index(i -> i.index("tracks").id(track.toString()).document(doc).refresh(Refresh.True));
      }
      es.index(
          i ->
              i.index("playlists")
                  .id(playlist.toString())
                  .document(Map.of("name", "Favourites", "owner_id", id.toString()))
                  .refresh(Refresh.True));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("could not index demo documents", e);
    } finally {
      SearchClientFactory.close(es);
    }
  }

  static boolean redisReachable(String uri) {
    RedisClient client = RedisClient.create(uri);
    client.setOptions(
        io.lettuce.core.ClientOptions.builder()
            .socketOptions(
                io.lettuce.core.SocketOptions.builder()
                    .connectTimeout(Duration.ofSeconds(1))
                    .build())
            .timeoutOptions(io.lettuce.core.TimeoutOptions.enabled(Duration.ofSeconds(1)))
            .build());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      return "PONG".equals(c.sync().ping());
    } catch (RuntimeException e) {
      return false;
    } finally {
      client.shutdown();
    }
  }

  static boolean searchReachable(String url) {
    try {
      HttpResponse<Void> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(1))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(url + "/_cluster/health"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  private static String capitalize(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
