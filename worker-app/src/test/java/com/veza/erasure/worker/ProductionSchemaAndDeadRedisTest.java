package com.veza.erasure.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.testing.FreePorts;
import com.veza.erasure.testing.TestDatabase;
import com.veza.erasure.testing.TestPostgres;
import io.dropwizard.testing.DropwizardTestSupport;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Production defaults on an empty database: only the service's own tables are created (the
 * platform's belong to the platform), and a Redis that does not answer makes the app unhealthy
 * without stopping it from starting.
 */
class ProductionSchemaAndDeadRedisTest {

  private static WorkerWorld world;
  private static TestDatabase emptyDb;
  private static DropwizardTestSupport<WorkerConfiguration> app;

  @BeforeAll
  static void start() throws Exception {
    world = new WorkerWorld();
    emptyDb = TestPostgres.shared().newDatabase("veza-erasure-worker-empty-v1", ds -> {});
    // Nothing listens there.
    int deadPort = FreePorts.next();
    app =
        world.app(
            emptyDb,
            "migrations.applyReferenceSchema",
            "false",
            "redis.enabled",
            "true",
            "redis.uri",
            "redis://127.0.0.1:" + deadPort,
            "redis.commandTimeout",
            "PT1S");
    app.before();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.after();
    }
    world.close();
  }

  @Test
  void withoutApplyReferenceSchema_onlyTheServicesOwnTablesAreCreated() {
    List<String> tables =
        com.veza.erasure.activities.db.Jdbis.create(emptyDb.dataSource())
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
  void aRedisThatDoesNotAnswer_isTheOnlyUnhealthyCheck() throws Exception {
    assertThat(
            WorkerWorld.get("http://127.0.0.1:" + app.getAdminPort() + "/healthcheck").statusCode())
        .isEqualTo(500);
    assertThat(WorkerWorld.health(app))
        .containsEntry("redis", false)
        .containsEntry("temporal", true)
        .containsEntry("temporal-worker", true)
        .containsEntry("postgresql", true)
        // Disabled in config.yml: no client, no check, its step is SKIPPED.
        .doesNotContainKey("elasticsearch");
  }
}
