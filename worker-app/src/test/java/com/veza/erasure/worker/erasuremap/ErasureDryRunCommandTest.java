package com.veza.erasure.worker.erasuremap;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import com.veza.erasure.activities.db.Jdbis;
import com.veza.erasure.activities.db.Migrations;
import com.veza.erasure.activities.search.SearchClientFactory;
import com.veza.erasure.activities.search.SearchSettings;
import com.veza.erasure.testing.TestDatabase;
import com.veza.erasure.testing.TestElasticsearch;
import com.veza.erasure.testing.TestPostgres;
import com.veza.erasure.worker.WorkerConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import net.sourceforge.argparse4j.inf.Namespace;
import org.junit.jupiter.api.Test;

/** {@code erasure-dry-run}: counts per rule of the reference map, on a real PostgreSQL. */
class ErasureDryRunCommandTest {
  private static final UUID JANE = UUID.fromString("3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f8a9b0c");

  @Test
  void givenAUserWithTracks_whenDryRun_itPrintsCountsPerRuleAndChangesNothing() throws Exception {
    TestDatabase db =
        TestPostgres.shared()
            .newDatabase("veza-erasure-worker-v1", ds -> Migrations.migrate(ds, true));
    Jdbis.create(db.dataSource())
        .useHandle(
            h -> {
              h.execute(
                  "INSERT INTO users (id, email, username) VALUES (?, 'jane@example.com', 'jane')",
                  JANE);
              h.execute(
                  "INSERT INTO tracks (id, creator_id, title, is_public) VALUES (?, ?, 'a', true)",
                  UUID.randomUUID(),
                  JANE);
              h.execute(
                  "INSERT INTO tracks (id, creator_id, title) VALUES (?, ?, 'b')",
                  UUID.randomUUID(),
                  JANE);
            });
    WorkerConfiguration config = new WorkerConfiguration();
    config.getDatabase().setDriverClass("org.postgresql.Driver");
    config.getDatabase().setUrl(db.jdbcUrl());
    config.getDatabase().setUser(db.user());
    config.getDatabase().setPassword(db.password() == null ? "" : db.password());
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    new ErasureDryRunCommand(new PrintStream(out, true, StandardCharsets.UTF_8))
        .run(null, new Namespace(Map.of("userId", JANE.toString())), config);

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("erasure map classpath:/erasure/reference-map.yml (sha256 ")
        .contains("users: anonymize 1 of 1 row(s)")
        .contains("tracks: delete 2 row(s); with keep_public_tracks 1 kept and anonymized instead")
        .contains("sessions: delete 0 row(s)")
        .doesNotContain("jane");
    long left =
        Jdbis.create(db.dataSource())
            .withHandle(
                h ->
                    h.createQuery("SELECT count(*) FROM tracks WHERE creator_id = ?")
                        .bind(0, JANE)
                        .mapTo(Long.class)
                        .one());
    assertThat(left).isEqualTo(2);
  }

  @Test
  void givenElasticsearchEnabled_whenDryRun_itCountsEachIndexsDocsOfTheUserAndChangesNothing()
      throws Exception {
    TestDatabase db =
        TestPostgres.shared()
            .newDatabase("veza-erasure-worker-v1", ds -> Migrations.migrate(ds, true));
    Jdbis.create(db.dataSource())
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO users (id, email, username) VALUES (?, 'jane@example.com', 'jane')",
                    JANE));
    TestElasticsearch es = TestElasticsearch.shared();
    String users = es.uniqueIndexName("dryrun-users");
    String tracks = es.uniqueIndexName("dryrun-tracks");
    String playlists = es.uniqueIndexName("dryrun-playlists");
    ElasticsearchClient admin = SearchClientFactory.create(SearchSettings.of(es.httpUrl()));
    try {
      admin.index(i -> i.index(users).id(JANE.toString()).document(Map.of("name", "Jane")));
      for (String owner : new String[] {JANE.toString(), JANE.toString(), "someone-else"}) {
        admin.index(
            i ->
                i.index(tracks)
                    .id(UUID.randomUUID().toString())
                    .document(Map.of("creator_id", owner))
                    .refresh(Refresh.True));
      }
      WorkerConfiguration config = config(db);
      config.getElasticsearch().setEnabled(true);
      config.getElasticsearch().setUrl(es.httpUrl());
      config.getElasticsearch().setUsersIndex(users);
      config.getElasticsearch().setTracksIndex(tracks);
      config.getElasticsearch().setPlaylistsIndex(playlists);
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      new ErasureDryRunCommand(new PrintStream(out, true, StandardCharsets.UTF_8))
          .run(null, new Namespace(Map.of("userId", JANE.toString())), config);

      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("elasticsearch users (" + users + "): the user's doc: delete")
          .contains(
              "elasticsearch tracks ("
                  + tracks
                  + "): docs of the tracks rows above: delete or keep; 2 doc(s) by owner field")
          .contains("elasticsearch playlists (" + playlists + "): docs of the playlists rows above")
          .doesNotContain("Jane");
      assertThat(admin.exists(e -> e.index(users).id(JANE.toString())).value()).isTrue();
      assertThat(admin.indices().exists(e -> e.index(playlists)).value()).isFalse();
    } finally {
      admin.indices().delete(d -> d.index(users, tracks).ignoreUnavailable(true));
      SearchClientFactory.close(admin);
    }
  }

  private static WorkerConfiguration config(TestDatabase db) {
    WorkerConfiguration config = new WorkerConfiguration();
    config.getDatabase().setDriverClass("org.postgresql.Driver");
    config.getDatabase().setUrl(db.jdbcUrl());
    config.getDatabase().setUser(db.user());
    config.getDatabase().setPassword(db.password() == null ? "" : db.password());
    return config;
  }
}
