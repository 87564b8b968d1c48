package com.veza.erasure.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.veza.erasure.deletion.AccountDeletionWorkflow;
import com.veza.erasure.deletion.DeletionPhase;
import com.veza.erasure.deletion.DeletionReceipt;
import com.veza.erasure.deletion.DeletionStep;
import com.veza.erasure.deletion.StepOutcome;
import com.veza.erasure.deletion.StepState;
import com.veza.erasure.worker.coverage.CoverageHealthCheck;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A table the erasure does not cover, added while the worker runs: the health check turns red
 * naming it, and a deletion that reaches erasure parks with COVERAGE_GAP until the gap is closed.
 * The app's database is shared by the class: each test drops what it created.
 */
class CoverageGapTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final WorkerWorld WORLD = WorkerWorld.withApp("deletion.coverage.checkInterval", "PT0.2S");

  @AfterEach
  void dropTables() {
    WORLD.jdbi().useHandle(h -> h.execute("DROP TABLE IF EXISTS comments, likes"));
  }

  private static void createComments() {
    WORLD
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    "CREATE TABLE comments (id uuid, user_id uuid REFERENCES users(id), body text)"));
  }

  /** The {@code erasure-coverage} entry of the admin port's /healthcheck. */
  private static JsonNode coverageHealth() throws Exception {
    String body =
        WorkerWorld.get("http://127.0.0.1:" + WORLD.runningApp().getAdminPort() + "/healthcheck")
            .body();
    return JSON.readTree(body).get(CoverageHealthCheck.NAME);
  }

  private static boolean coverageHealthy() {
    try {
      return coverageHealth().get("healthy").asBoolean();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void givenTheReferenceSchema_itIsHealthy() throws Exception {
    assertThat(coverageHealth().get("healthy").asBoolean()).isTrue();
    assertThat(coverageHealth().get("message").asText()).isEqualTo("no coverage gaps");
  }

  @Test
  void givenATableAddedWhileTheWorkerRuns_itTurnsRedNamingItAndGreenOnceDropped() throws Exception {
    createComments();
    WORLD.jdbi().useHandle(h -> h.execute("CREATE TABLE likes (owner_id uuid, track_id uuid)"));

    WorkerWorld.await("erasure-coverage red", Duration.ofSeconds(30), () -> !coverageHealthy());
    JsonNode health = coverageHealth();
    assertThat(health.get("message").asText())
        .isEqualTo(
            "2 coverage gaps: comments.user_id (foreign key to users(id)),"
                + " likes.owner_id (name matches owner_id)");
    assertThat(health.get("gaps").toString())
        .isEqualTo("[\"comments.user_id\",\"likes.owner_id\"]");

    WORLD.jdbi().useHandle(h -> h.execute("DROP TABLE comments, likes"));
    WorkerWorld.await("erasure-coverage green", Duration.ofSeconds(30), () -> coverageHealthy());
  }

  @Test
  void givenAGap_whenADeletionReachesErasure_itParksWithCoverageGapAndCompletesOnRetryOnceClosed()
      throws Exception {
    UUID user = UUID.randomUUID();
    WorkerWorld.seedUser(WORLD.jdbi(), user);
    createComments();
    WORLD
        .jdbi()
        .useHandle(
            h -> h.execute("INSERT INTO comments VALUES (gen_random_uuid(), ?, 'hi')", user));

    WORLD.starter().start(WORLD.request(user, Duration.ofSeconds(1)));
    AccountDeletionWorkflow deletion = WORLD.starter().existing(user.toString());
    WorkerWorld.await(
        "NEEDS_ATTENTION",
        Duration.ofSeconds(60),
        () -> deletion.status().phase() == DeletionPhase.NEEDS_ATTENTION);

    StepOutcome collect = deletion.status().steps().get(DeletionStep.COLLECT_CONTENT);
    assertThat(collect.state()).isEqualTo(StepState.FAILED);
    assertThat(collect.error()).isEqualTo("COVERAGE_GAP");
    // Parked before anything was erased.
    assertThat(deletion.status().steps().get(DeletionStep.ANONYMIZE).state())
        .isEqualTo(StepState.PENDING);
    WorkerWorld.await(
        "ledger NEEDS_ATTENTION",
        Duration.ofSeconds(30),
        () -> "NEEDS_ATTENTION".equals(WORLD.ledgerPhase(user)));

    WORLD.jdbi().useHandle(h -> h.execute("DROP TABLE comments"));
    deletion.retry();
    DeletionReceipt receipt = WORLD.result(user, Duration.ofSeconds(60));

    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(receipt.verification().clean()).isTrue();
    assertThat(receipt.steps().get(DeletionStep.COLLECT_CONTENT).failures()).isEqualTo(1);
    assertThat(receipt.steps().get(DeletionStep.COLLECT_CONTENT).state())
        .isEqualTo(StepState.SUCCEEDED);
    assertThat(WORLD.ledgerPhase(user)).isEqualTo("COMPLETED");
  }
}
