package com.veza.erasure.api.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.veza.erasure.api.ApiHarness;
import com.veza.erasure.api.ApiHarness.Reply;
import com.veza.erasure.deletion.DeletionPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Operators over HTTP: ledger list, deletion on a user's behalf, retry, status with receipt. */
class AdminDeletionTest {

  @RegisterExtension static final ApiHarness api = new ApiHarness();
  private static final UUID ADMIN = UUID.randomUUID();

  private static String admin() {
    return api.tokens.admin(ADMIN);
  }

  @Test
  void givenAnAdmin_whenStartingAUsersDeletion_itIsRecordedAsRequestedByTheAdminAndListedByPhase() {
    UUID user = api.newUser();
    Reply accepted =
        api.post(
            "/v1/admin/users/" + user + "/deletion", admin(), "{\"keep_public_tracks\": true}");
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.body().get("workflow_id").asText()).isEqualTo("account-deletion-" + user);
    api.env().sleep(Duration.ofMinutes(1));

    JsonNode row = find(listAll("SCHEDULED"), user);
    assertThat(row).isNotNull();
    assertThat(row.get("requested_by").asText()).isEqualTo("admin:" + ADMIN);
    assertThat(row.get("keep_public_tracks").asBoolean()).isTrue();
    assertThat(row.get("run_id").asText()).isEqualTo(accepted.body().get("run_id").asText());
    assertThat(find(listAll("COMPLETED"), user)).isNull();

    Reply view = api.get("/v1/admin/users/" + user + "/deletion", admin());
    assertThat(view.status()).isEqualTo(200);
    assertThat(view.body().get("source").asText()).isEqualTo("workflow");
    assertThat(view.body().get("status").get("phase").asText()).isEqualTo("SCHEDULED");
    assertThat(view.body().get("receipt").isNull()).isTrue();
    assertThat(view.body().get("ledger").get("phase").asText()).isEqualTo("SCHEDULED");
  }

  @Test
  void givenManyDeletions_whenListing_itPagesByIdWithoutGapsOrRepeats() {
    List<UUID> users = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      UUID user = api.newUser();
      users.add(user);
      assertThat(api.post("/v1/admin/users/" + user + "/deletion", admin(), null).status())
          .isEqualTo(202);
    }
    api.env().sleep(Duration.ofMinutes(1));

    List<String> seen = new ArrayList<>();
    String after = "0";
    int pages = 0;
    while (after != null) {
      Reply page = api.get("/v1/admin/deletions?limit=2&after=" + after, admin());
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body().get("items").size()).isLessThanOrEqualTo(2);
      page.body().get("items").forEach(item -> seen.add(item.get("user_id").asText()));
      JsonNode next = page.body().get("next_after");
      after = next.isNull() ? null : next.asText();
      pages++;
    }
    assertThat(seen).doesNotHaveDuplicates().hasSize(api.ledgerRows());
    assertThat(seen).containsAll(users.stream().map(UUID::toString).toList());
    assertThat(pages).isGreaterThanOrEqualTo(3);
  }

  @Test
  void givenAFailingStep_itNeedsAttentionIsListedAndAnAdminRetryCompletesIt() {
    UUID user = api.newUser();
    assertThat(api.post("/v1/me/deletion", api.tokens.user(user), null).status()).isEqualTo(202);
    api.env().sleep(Duration.ofMinutes(1));

    Reply early = api.post("/v1/admin/users/" + user + "/deletion/retry", admin(), null);
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.code()).isEqualTo("not_needs_attention");

    // A real PostgreSQL failure for this user's profile only: anonymization exhausts its retries.
    api.jdbi()
        .useHandle(
            h ->
                h.execute(
                    """
        CREATE OR REPLACE FUNCTION api_test_refuse() RETURNS trigger LANGUAGE plpgsql AS
          $$ BEGIN RAISE EXCEPTION 'injected by AdminDeletionTest'; END $$;
        CREATE TRIGGER api_test_refuse BEFORE UPDATE ON user_profiles FOR EACH ROW
          WHEN (OLD.user_id = '%s') EXECUTE FUNCTION api_test_refuse();
        """
                        .formatted(user)));
    try {
      api.env().sleep(Duration.ofDays(31));
      awaitPhase(user, "NEEDS_ATTENTION");

      awaitListed(user, "NEEDS_ATTENTION");
      // Erasure has started: the user can no longer take the account back (the Update validator
      // says so).
      Reply recover = api.post("/v1/me/deletion/recover", api.tokens.user(user), null);
      assertThat(recover.status()).isEqualTo(409);
      assertThat(recover.code()).isEqualTo("recovery_window_closed");
    } finally {
      api.jdbi().useHandle(h -> h.execute("DROP TRIGGER api_test_refuse ON user_profiles"));
    }

    Reply retry = api.post("/v1/admin/users/" + user + "/deletion/retry", admin(), null);
    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.body().get("phase").asText()).isEqualTo("ERASING");
    assertThat(api.result(user).outcome()).isEqualTo(DeletionPhase.COMPLETED);

    Reply view = api.get("/v1/admin/users/" + user + "/deletion", admin());
    assertThat(view.body().get("source").asText()).isEqualTo("workflow");
    JsonNode receipt = view.body().get("receipt");
    assertThat(receipt.get("outcome").asText()).isEqualTo("COMPLETED");
    assertThat(receipt.get("steps").get("ANONYMIZE").get("failures").asInt()).isEqualTo(1);
    assertThat(receipt.get("verification").get("pii_rows_left").asLong()).isZero();
    assertThat(view.body().get("ledger").get("phase").asText()).isEqualTo("COMPLETED");

    Reply late = api.post("/v1/admin/users/" + user + "/deletion/retry", admin(), null);
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.code()).isEqualTo("not_needs_attention");
  }

  @Test
  void
      givenPostgresUnreachableWhileTheDeletionParks_whenItIsBack_itListsTheDeletionAsNeedingAttention() {
    UUID user = api.newUser();
    assertThat(api.post("/v1/me/deletion", api.tokens.user(user), null).status()).isEqualTo(202);
    api.env().sleep(Duration.ofMinutes(1));
    assertThat(find(listAll("SCHEDULED"), user)).isNotNull();

    // The worker loses PostgreSQL as the window ends: the ERASING write fails, then every step,
    // then the NEEDS_ATTENTION write, each for longer than the steps' two-minute budget.
    api.workerDatabase().cut();
    try {
      api.env().sleep(Duration.ofDays(30).plusMinutes(5));
      awaitPhase(user, "NEEDS_ATTENTION");
    } finally {
      api.workerDatabase().restore();
    }

    JsonNode parked = awaitListed(user, "NEEDS_ATTENTION");
    // Both writes landed once PostgreSQL was back; whichever came last, the row keeps the newer
    // phase, and the late ERASING write still recorded when erasure started.
    awaitTrue(
        () -> {
          JsonNode row = find(listAll("NEEDS_ATTENTION"), user);
          return row != null && !row.get("erasure_started_at").isNull();
        });
    api.env().sleep(Duration.ofMinutes(5));
    assertThat(find(listAll("NEEDS_ATTENTION"), user)).isNotNull();
    assertThat(find(listAll("ERASING"), user)).isNull();
    assertThat(parked.get("run_id").asText()).isNotBlank();

    Reply retry = api.post("/v1/admin/users/" + user + "/deletion/retry", admin(), null);
    assertThat(retry.status()).isEqualTo(200);
    assertThat(api.result(user).outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(find(listAll("COMPLETED"), user)).isNotNull();
  }

  @Test
  void givenTheWorkflowIsGone_whenAnAdminAsksTheStatus_itAnswersWithTheReceiptFromTheLedger() {
    // A deletion older than the namespace's retention: only the ledger row is left.
    UUID user = UUID.randomUUID();
    Instant requested = Instant.parse("2025-01-02T03:04:05Z");
    String receipt =
        """
        {"userId":"%s","outcome":"COMPLETED","keepPublicTracks":false,
         "requestedAt":"2025-01-02T03:04:05Z","scheduledFor":"2025-02-01T03:04:05Z",
         "erasureStartedAt":"2025-02-01T03:04:06Z","finishedAt":"2025-02-01T03:04:09Z",
         "steps":{"ANONYMIZE":{"state":"SUCCEEDED","counts":{"tracks_deleted":3},"failures":0,
                  "error":null,"finishedAt":"2025-02-01T03:04:07Z"}},
         "verification":{"piiRowsLeft":0,"tracksLeft":0,"playlistsLeft":0,"cacheKeysLeft":null,
                  "searchDocsLeft":null}}"""
            .formatted(user);
    api.jdbi()
        .useHandle(
            h ->
                h.createUpdate(
                        """
            INSERT INTO deletion_requests (user_id, workflow_id, run_id, keep_public_tracks, requested_by,
              requested_at, scheduled_for, erasure_started_at, completed_at, phase, receipt)
            VALUES (:user, :wf, :run, false, 'user', :at, :at, :at, :at, 'COMPLETED', CAST(:receipt AS jsonb))""")
                    .bind("user", user)
                    .bind("wf", "account-deletion-" + user)
                    .bind("run", UUID.randomUUID().toString())
                    .bind("at", requested)
                    .bind("receipt", receipt)
                    .execute());

    Reply view = api.get("/v1/admin/users/" + user + "/deletion", admin());
    assertThat(view.status()).isEqualTo(200);
    assertThat(view.body().get("source").asText()).isEqualTo("ledger");
    assertThat(view.body().get("status").isNull()).isTrue();
    assertThat(view.body().get("receipt").get("outcome").asText()).isEqualTo("COMPLETED");
    assertThat(
            view.body()
                .get("receipt")
                .get("steps")
                .get("ANONYMIZE")
                .get("counts")
                .get("tracks_deleted")
                .asLong())
        .isEqualTo(3);
    assertThat(view.body().get("ledger").get("requested_at").asText())
        .isEqualTo("2025-01-02T03:04:05Z");

    Reply none = api.get("/v1/admin/users/" + UUID.randomUUID() + "/deletion", admin());
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.code()).isEqualTo("no_deletion");
    Reply retryNone =
        api.post("/v1/admin/users/" + UUID.randomUUID() + "/deletion/retry", admin(), null);
    assertThat(retryNone.status()).isEqualTo(404);
    assertThat(retryNone.code()).isEqualTo("no_deletion");
  }

  private static void awaitPhase(UUID user, String phase) {
    // A minute of server time per poll (the step's budget is two minutes), a minute of wall time in
    // all.
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline) {
      Reply status = api.get("/v1/admin/users/" + user + "/deletion", admin());
      if (phase.equals(status.body().get("status").get("phase").asText())) {
        return;
      }
      api.env().sleep(Duration.ofMinutes(1));
    }
    throw new AssertionError(
        "deletion of "
            + user
            + " never reached "
            + phase
            + ": "
            + api.get("/v1/admin/users/" + user + "/deletion", admin()).body());
  }

  /**
   * Phase writes run beside the workflow and are retried (at most a minute apart) until they land:
   * a minute of server time per poll.
   */
  private static JsonNode awaitListed(UUID user, String phase) {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode row = find(listAll(phase), user);
      if (row != null) {
        return row;
      }
      api.env().sleep(Duration.ofMinutes(1));
    }
    throw new AssertionError(
        "deletion of "
            + user
            + " never listed as "
            + phase
            + "; its ledger row: "
            + api.get("/v1/admin/users/" + user + "/deletion", admin()).body().get("ledger"));
  }

  private static void awaitTrue(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within a minute");
      }
      api.env().sleep(Duration.ofMinutes(1));
    }
  }

  private static List<JsonNode> listAll(String phase) {
    List<JsonNode> items = new ArrayList<>();
    Reply page = api.get("/v1/admin/deletions?limit=500&phase=" + phase, admin());
    assertThat(page.status()).isEqualTo(200);
    page.body().get("items").forEach(items::add);
    assertThat(items).allSatisfy(item -> assertThat(item.get("phase").asText()).isEqualTo(phase));
    return items;
  }

  private static JsonNode find(List<JsonNode> items, UUID user) {
    return items.stream()
        .filter(i -> i.get("user_id").asText().equals(user.toString()))
        .findFirst()
        .orElse(null);
  }
}
