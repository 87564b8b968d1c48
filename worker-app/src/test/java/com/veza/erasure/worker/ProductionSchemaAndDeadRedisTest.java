package com.veza.erasure.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.activities.db.Jdbis;
import com.veza.erasure.testing.FreePorts;
import com.veza.erasure.testing.TestDatabase;
import com.veza.erasure.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Production defaults on a database holding only the platform's account table: only the service's
 * own tables are created (the platform's belong to the platform), and a Redis that does not answer
 * makes the app unhealthy without stopping it from starting. The worker validates its erasure map
 * at start, so the map here describes that one table.
 */
class ProductionSchemaAndDeadRedisTest {

  private static final TestDatabase EMPTY_DB =
      TestPostgres.shared()
          .newDatabase(
              "veza-erasure-worker-accounts-only-v1",
              ds ->
                  Jdbis.create(ds)
                      .useHandle(
                          h ->
                              h.execute(
                                  "CREATE TABLE accounts (id uuid PRIMARY KEY, email text)")));

  private static final String MAP =
      """
      version: 1
      subject: {table: accounts, id: id}
      postgres:
        tables:
          - table: accounts
            userColumn: id
            action: anonymize
            anonymize: {email: {null: true}}
      """;

  // Nothing listens there.
  private static final int DEAD_PORT = FreePorts.next();

  @RegisterExtension
  static final WorkerWorld world =
      WorkerWorld.withApp(
          EMPTY_DB,
          "deletion.erasureMap",
          mapFile(),
          "migrations.applyReferenceSchema",
          "false",
          "redis.enabled",
          "true",
          "redis.uri",
          "redis://127.0.0.1:" + DEAD_PORT,
          "redis.commandTimeout",
          "PT1S");

  private static String mapFile() {
    try {
      Path file = Files.createTempFile("accounts-only-map", ".yml");
      file.toFile().deleteOnExit();
      return Files.writeString(file, MAP).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void givenNoApplyReferenceSchema_whenTheAppStarts_itCreatesOnlyTheServicesOwnTables() {
    List<String> tables =
        com.veza.erasure.activities.db.Jdbis.create(EMPTY_DB.dataSource())
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                        .mapTo(String.class)
                        .list());

    assertThat(tables)
        .contains("deletion_requests", "flyway_erasure_history")
        .doesNotContain("users", "tracks", "playlists", "flyway_reference_history");
  }

  @Test
  void givenARedisThatDoesNotAnswer_itIsTheOnlyUnhealthyCheck() throws Exception {
    assertThat(
            WorkerWorld.get(
                    "http://127.0.0.1:" + world.runningApp().getAdminPort() + "/healthcheck")
                .statusCode())
        .isEqualTo(500);
    assertThat(WorkerWorld.health(world.runningApp()))
        .containsEntry("redis", false)
        .containsEntry("temporal", true)
        .containsEntry("temporal-worker", true)
        .containsEntry("postgresql", true)
        // Disabled in config.yml: no client, no check, its step is SKIPPED.
        .doesNotContainKey("elasticsearch");
  }
}
