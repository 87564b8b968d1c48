package com.veza.erasure.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.deletion.DeletionPhase;
import com.veza.erasure.deletion.DeletionReceipt;
import com.veza.erasure.deletion.DeletionStep;
import com.veza.erasure.deletion.SearchIndexLeft;
import com.veza.erasure.deletion.StepState;
import com.veza.erasure.testing.TestElasticsearch;
import com.veza.erasure.testing.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The worker-app as deployed: config.yml, its own gRPC client to a Temporal server, real
 * PostgreSQL, Redis and Elasticsearch; deletions started the way the api-app starts them.
 */
class WorkerAppTest {

  private static final TestRedis REDIS = TestRedis.shared();
  private static final TestElasticsearch ES = TestElasticsearch.shared();
  private static final String USERS = ES.uniqueIndexName("worker-users");
  private static final String TRACKS = ES.uniqueIndexName("worker-tracks");
  private static final String PLAYLISTS = ES.uniqueIndexName("worker-playlists");

  @RegisterExtension
  static final WorkerWorld WORLD =
      WorkerWorld.withApp(
          "redis.enabled",
          "true",
          "redis.uri",
          REDIS.uri(),
          "elasticsearch.enabled",
          "true",
          "elasticsearch.url",
          ES.httpUrl(),
          "elasticsearch.usersIndex",
          USERS,
          "elasticsearch.tracksIndex",
          TRACKS,
          "elasticsearch.playlistsIndex",
          PLAYLISTS,
          // The shared node holds other tests' indices: check this class's own only.
          "deletion.coverage.searchIndices",
          "worker-*-" + ProcessHandle.current().pid());

  @Test
  void whenTheAppStarts_itMigratesBothSchemaGroups() {
    List<String> tables =
        WORLD
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                        .mapTo(String.class)
                        .list());

    assertThat(tables)
        .contains(
            "deletion_requests",
            "flyway_erasure_history",
            "users",
            "tracks",
            "playlists",
            "flyway_reference_history");
  }

  @Test
  void givenRedisAndElasticsearchEnabled_itReportsEveryHealthCheckHealthy() throws Exception {
    assertThat(WorkerWorld.health(WORLD.runningApp()))
        .containsAllEntriesOf(
            java.util.Map.of(
                "temporal",
                true,
                "temporal-worker",
                true,
                "postgresql",
                true,
                "redis",
                true,
                "elasticsearch",
                true,
                "erasure-coverage",
                true))
        .doesNotContainValue(false);
  }

  @Test
  void givenADeletionStartedLikeTheApiDoes_itCompletesOnTheAppsWorker() throws Exception {
    UUID user = UUID.randomUUID();
    WorkerWorld.seedUser(WORLD.jdbi(), user);
    WorkerWorld.seedRedisKeys(REDIS.host(), REDIS.port(), user, 5);
    indexDoc(USERS, user, "{\"name\":\"someone\"}");
    indexDoc(
        TRACKS, WorkerWorld.trackOf(user), "{\"creator_id\":\"" + user + "\",\"is_public\":false}");
    indexDoc(PLAYLISTS, WorkerWorld.playlistOf(user), "{\"user_id\":\"" + user + "\"}");

    WORLD.starter().start(WORLD.request(user, Duration.ofSeconds(2)));
    DeletionReceipt receipt = WORLD.result(user, Duration.ofSeconds(90));

    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(receipt.verification().clean()).isTrue();
    assertThat(receipt.steps().get(DeletionStep.PURGE_CACHE).counts())
        .containsEntry("keys_deleted", 5L);
    assertThat(receipt.steps().get(DeletionStep.PURGE_SEARCH).counts())
        .containsEntry("users_deleted", 1L)
        .containsEntry("tracks_deleted", 1L)
        .containsEntry("playlists_deleted", 1L);
    assertThat(receipt.steps().values())
        .extracting(s -> s.state())
        .doesNotContain(StepState.FAILED);
    assertThat(WorkerWorld.redisKeysOf(REDIS.host(), REDIS.port(), user)).isZero();
    assertThat(docExists(USERS, user)).isFalse();
    assertThat(WORLD.ledgerPhase(user)).isEqualTo("COMPLETED");
    int piiRows =
        WORLD
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT count(*) FROM users WHERE id = :u AND email LIKE '%@example.com'")
                        .bind("u", user)
                        .mapTo(Integer.class)
                        .one());
    assertThat(piiRows).isZero();

    // Our counters saw it, and no metric carries the user's id.
    WorkerWorld.await(
        "deletion metrics",
        Duration.ofSeconds(10),
        () -> counter("veza_deletions_completed_total") >= 1);
    String page = WorkerWorld.prometheus(WORLD.runningApp());
    assertThat(counter("veza_deletions_started_total")).isGreaterThanOrEqualTo(1);
    assertThat(counter("veza_deletion_redis_keys_purged_total")).isGreaterThanOrEqualTo(5);
    assertThat(page)
        .containsPattern(
            "veza_deletion_search_docs_purged_total\\{action=\"deleted\",index=\"users\"} [1-9]")
        .containsPattern(
            "veza_deletion_step_duration_seconds_count\\{outcome=\"success\",step=\"PurgeCache\"} [1-9]")
        .containsPattern(
            "veza_deletion_step_duration_seconds_count\\{outcome=\"success\",step=\"AnonymizeAccount\"} [1-9]")
        .doesNotContain(user.toString());
  }

  @Test
  void givenATrackDocPostgresNoLongerKnows_whenTheUserIsDeleted_itIsSweptByCreatorIdAndCounted()
      throws Exception {
    UUID user = UUID.randomUUID();
    // Shares all but the last character with the user's id: a prefix match would take its doc.
    UUID neighbour =
        UUID.fromString(
            user.toString().substring(0, 35) + (user.toString().endsWith("0") ? "1" : "0"));
    WorkerWorld.seedUser(WORLD.jdbi(), user);
    // The row of this track was deleted by the platform long ago; its search doc stayed.
    UUID orphan = UUID.randomUUID();
    UUID neighbourDoc = UUID.randomUUID();
    indexDoc(TRACKS, orphan, "{\"creator_id\":\"" + user + "\",\"is_public\":true}");
    indexDoc(
        TRACKS, WorkerWorld.trackOf(user), "{\"creator_id\":\"" + user + "\",\"is_public\":false}");
    indexDoc(TRACKS, neighbourDoc, "{\"creator_id\":\"" + neighbour + "\",\"is_public\":true}");

    WORLD.starter().start(WORLD.request(user, Duration.ofSeconds(2)));
    DeletionReceipt receipt = WORLD.result(user, Duration.ofSeconds(90));

    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(receipt.steps().get(DeletionStep.PURGE_SEARCH).counts())
        .containsEntry("tracks_deleted", 1L)
        .containsEntry("tracks_deleted_by_field", 1L);
    assertThat(receipt.verification().searchDocsLeftByField()).isZero();
    assertThat(receipt.verification().searchIndices().get(TRACKS))
        .isEqualTo(new SearchIndexLeft(0, 0L));
    assertThat(receipt.steps().get(DeletionStep.VERIFY).counts())
        .containsEntry("search_docs_left_by_field", 0L);
    assertThat(docExists(TRACKS, orphan)).isFalse();
    assertThat(docExists(TRACKS, neighbourDoc)).isTrue();
  }

  @Test
  void whenScrapingPrometheus_itServesTemporalSdkDropwizardAndDeletionMetrics() throws Exception {
    // The SDK reports on an interval; pollers have been polling since start.
    WorkerWorld.await(
        "Temporal SDK metrics", Duration.ofSeconds(15), () -> scrape().contains("temporal_"));
    String page = scrape();

    assertThat(page)
        .containsPattern("(?m)^temporal_\\w+")
        .containsPattern("(?m)^veza_deletions_started_total ")
        .containsPattern("(?m)^veza_deletions_needs_attention_total ")
        .containsPattern("(?m)^veza_deletions_recovered_total ")
        // Dropwizard's own registry (Jetty, connection pool; JVM too outside tests), bridged.
        .containsPattern("(?m)^io_dropwizard_db_ManagedPooledDataSource_postgresql_active ")
        .containsPattern("(?m)^io_dropwizard_jetty_MutableServletContextHandler_requests_count ")
        .contains("# TYPE veza_deletions_completed_total counter");
  }

  private static String scrape() {
    try {
      return WorkerWorld.prometheus(WORLD.runningApp());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static double counter(String name) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(scrape());
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }

  private static void indexDoc(String index, UUID id, String json) throws Exception {
    assertThat(
            WorkerWorld.put(ES.httpUrl() + "/" + index + "/_doc/" + id + "?refresh=true", json)
                .statusCode())
        .isBetween(200, 201);
  }

  private static boolean docExists(String index, UUID id) throws Exception {
    return WorkerWorld.get(ES.httpUrl() + "/" + index + "/_doc/" + id).statusCode() == 200;
  }
}
