package com.veza.erasure.api.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.api.ApiHarness;
import com.veza.erasure.api.ApiHarness.Reply;
import com.veza.erasure.deletion.DeletionPhase;
import com.veza.erasure.deletion.DeletionReceipt;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The user's deletion over HTTP, end to end: API → Temporal → worker → PostgreSQL. */
class DeletionLifecycleTest {

  @RegisterExtension static final ApiHarness api = new ApiHarness();

  @Test
  void givenPendingDeletion_whenRecoveredOverHttp_itRestoresTheAccountInPostgres() {
    UUID user = api.newUser();
    Reply accepted =
        api.post("/v1/me/deletion", api.tokens.user(user), "{\"keep_public_tracks\": true}");
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.raw().headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).endsWith("/v1/me/deletion"));
    assertThat(accepted.body().get("workflow_id").asText()).isEqualTo("account-deletion-" + user);
    assertThat(accepted.body().get("phase").asText()).isEqualTo("SCHEDULED");
    Instant scheduledFor = Instant.parse(accepted.body().get("scheduled_for").asText());
    assertThat(Duration.between(api.clock.instant(), scheduledFor))
        .isBetween(Duration.ofDays(30).minusMinutes(1), Duration.ofDays(30));

    api.env().sleep(Duration.ofHours(1));
    // Tokens are minted after each sleep: the app checks exp and auth_time on the skipped clock.
    Reply status = api.get("/v1/me/deletion", api.tokens.user(user));
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.body().get("phase").asText()).isEqualTo("SCHEDULED");
    assertThat(status.body().get("keep_public_tracks").asBoolean()).isTrue();
    assertThat(status.body().get("steps").get("MARK_PENDING").get("state").asText())
        .isEqualTo("SUCCEEDED");
    assertThat(api.deletedAt(user)).isNotNull();

    api.env().sleep(Duration.ofDays(10));
    String token = api.tokens.user(user);
    Reply recovered = api.post("/v1/me/deletion/recover", token, null);
    assertThat(recovered.status()).isEqualTo(200);
    assertThat(recovered.body().get("phase").asText()).isEqualTo("RECOVERED");
    assertThat(api.deletedAt(user)).isNull();
    assertThat(api.email(user)).endsWith("@example.com");
    assertThat(api.result(user).outcome()).isEqualTo(DeletionPhase.RECOVERED);

    Reply again = api.post("/v1/me/deletion/recover", api.tokens.user(user), null);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.code()).isEqualTo("already_recovered");
    assertThat(api.get("/v1/me/deletion", api.tokens.user(user)).body().get("phase").asText())
        .isEqualTo("RECOVERED");
  }

  @Test
  void givenTheWindowPasses_itCompletesTheDeletionWithAReceiptAndRefusesRecovery() {
    UUID user = api.newUser();
    String token = api.tokens.user(user);
    assertThat(api.post("/v1/me/deletion", token, null).status()).isEqualTo(202);

    api.env().sleep(Duration.ofDays(31));
    DeletionReceipt receipt = api.result(user);
    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);

    Reply status = api.get("/v1/me/deletion", api.tokens.user(user));
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.body().get("phase").asText()).isEqualTo("COMPLETED");
    assertThat(status.body().get("receipt").get("outcome").asText()).isEqualTo("COMPLETED");
    assertThat(status.body().get("receipt").get("verification").get("pii_rows_left").asLong())
        .isZero();
    assertThat(status.body().get("receipt").get("steps").get("PURGE_CACHE").get("state").asText())
        .isEqualTo("SKIPPED");
    assertThat(api.email(user)).doesNotEndWith("@example.com");

    Reply recover = api.post("/v1/me/deletion/recover", api.tokens.user(user), null);
    assertThat(recover.status()).isEqualTo(409);
    assertThat(recover.code()).isEqualTo("recovery_window_closed");
  }

  @Test
  void
      givenMarkPendingParkedByAPostgresFailure_whenRecoveredOverHttp_itIsAcceptedAndNothingErased() {
    UUID user = api.newUser();
    // A real PostgreSQL failure for this user's row only: the soft-delete exhausts its retries.
    api.jdbi()
        .useHandle(
            h ->
                h.execute(
                    """
        CREATE OR REPLACE FUNCTION lifecycle_test_refuse() RETURNS trigger LANGUAGE plpgsql AS
          $$ BEGIN RAISE EXCEPTION 'injected by DeletionLifecycleTest'; END $$;
        CREATE TRIGGER lifecycle_test_refuse BEFORE UPDATE ON users FOR EACH ROW
          WHEN (OLD.id = '%s') EXECUTE FUNCTION lifecycle_test_refuse();
        """
                        .formatted(user)));
    try {
      assertThat(api.post("/v1/me/deletion", api.tokens.user(user), null).status()).isEqualTo(202);
      awaitPhase(user, "NEEDS_ATTENTION");
    } finally {
      api.jdbi().useHandle(h -> h.execute("DROP TRIGGER lifecycle_test_refuse ON users"));
    }

    // Nothing was erased, so the user may still take the account back.
    Reply recovered = api.post("/v1/me/deletion/recover", api.tokens.user(user), null);
    assertThat(recovered.status()).isEqualTo(200);
    assertThat(recovered.body().get("phase").asText()).isEqualTo("RECOVERED");
    assertThat(api.result(user).outcome()).isEqualTo(DeletionPhase.RECOVERED);
    assertThat(api.deletedAt(user)).isNull();
    assertThat(api.email(user)).endsWith("@example.com");

    Reply retry =
        api.post(
            "/v1/admin/users/" + user + "/deletion/retry",
            api.tokens.admin(UUID.randomUUID()),
            null);
    assertThat(retry.status()).isEqualTo(409);
    api.env().sleep(Duration.ofDays(31));
    assertThat(api.email(user)).endsWith("@example.com");
  }

  @Test
  void givenARunningDeletion_whenRequestedAgain_itAnswersTheSameWorkflow() {
    UUID user = api.newUser();
    Reply first =
        api.post("/v1/me/deletion", api.tokens.user(user), "{\"keep_public_tracks\": false}");
    Reply second = api.post("/v1/me/deletion", api.tokens.user(user), "{}");

    assertThat(second.status()).isEqualTo(202);
    assertThat(second.body().get("workflow_id")).isEqualTo(first.body().get("workflow_id"));
    assertThat(second.body().get("run_id")).isEqualTo(first.body().get("run_id"));
    api.env().sleep(Duration.ofMinutes(1));
    assertThat(api.ledgerRows(user)).isEqualTo(1);
  }

  @Test
  void givenNoDeletion_whenAskingTheStatusOrRecovering_itAnswers404() {
    UUID user = api.newUser();
    Reply status = api.get("/v1/me/deletion", api.tokens.user(user));
    assertThat(status.status()).isEqualTo(404);
    assertThat(status.code()).isEqualTo("no_deletion");

    Reply recover = api.post("/v1/me/deletion/recover", api.tokens.user(user), null);
    assertThat(recover.status()).isEqualTo(404);
    assertThat(recover.code()).isEqualTo("no_deletion");
    assertThat(api.ledgerRows(user)).isZero();
  }

  private static void awaitPhase(UUID user, String phase) {
    // A minute of server time per poll (the step's budget is two minutes), a minute of wall time in
    // all.
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline) {
      Reply status = api.get("/v1/me/deletion", api.tokens.user(user));
      if (status.status() == 200 && phase.equals(status.body().get("phase").asText())) {
        return;
      }
      api.env().sleep(Duration.ofMinutes(1));
    }
    throw new AssertionError("deletion of " + user + " never reached " + phase);
  }
}
