package com.veza.erasure.api.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.veza.erasure.api.ApiHarness;
import com.veza.erasure.api.ApiHarness.Reply;
import com.veza.erasure.deletion.DeletionWorkflowStarter;
import com.veza.erasure.deletion.backfill.BackfillResult;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowTargetOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /v1/admin/backfill} on the real worker, PostgreSQL and Temporal's test server. */
class AdminBackfillTest {

  @RegisterExtension static final ApiHarness api = new ApiHarness();
  private static final UUID ADMIN = UUID.randomUUID();

  private static String admin() {
    return api.tokens.admin(ADMIN);
  }

  @Test
  void givenAUserToken_whenBackfillingOrDryRunning_itIsForbidden() {
    String user = api.tokens.user(UUID.randomUUID());

    for (String path : List.of("/v1/admin/backfill", "/v1/admin/backfill?dry_run=true")) {
      Reply reply = api.post(path, user, null);
      assertThat(reply.status()).as(path).isEqualTo(403);
      assertThat(reply.code()).as(path).isEqualTo("forbidden");
    }
    assertThat(api.post("/v1/admin/backfill", null, null).status()).isEqualTo(401);
  }

  @Test
  void givenLegacySoftDeletes_whenDryRunning_itListsThemAndStartsNothing() {
    UUID first = legacyDeleted(Duration.ofDays(10));
    UUID second = legacyDeleted(Duration.ofDays(-3));
    UUID anonymized = legacyDeleted(Duration.ofDays(10));
    api.jdbi()
        .useHandle(
            h -> h.execute("UPDATE users SET anonymized_at = now() WHERE id = ?", anonymized));

    Reply reply = api.post("/v1/admin/backfill?dry_run=true", admin(), null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().get("dry_run").asBoolean()).isTrue();
    List<String> ids = ids(reply.body());
    assertThat(ids)
        .contains(first.toString(), second.toString())
        .doesNotContain(anonymized.toString());
    assertThat(reply.body().get("count").asLong()).isEqualTo(ids.size());
    assertThat(reply.body().get("truncated").asBoolean()).isFalse();
    DeletionWorkflowStarter starter = new DeletionWorkflowStarter(api.env().getWorkflowClient());
    for (UUID user : List.of(first, second)) {
      assertThatThrownBy(() -> starter.untyped(user.toString()).describe())
          .isInstanceOf(WorkflowNotFoundException.class);
    }
    assertThat(count("SELECT count(*) FROM legacy_backfill_starts")).isZero();

    Reply one = api.post("/v1/admin/backfill?dry_run=true&limit=1", admin(), null);
    assertThat(ids(one.body())).hasSize(1);
    assertThat(one.body().get("truncated").asBoolean()).isTrue();
  }

  @Test
  void givenLegacySoftDeletes_whenRunNow_itStartsWhatTheDryRunListedAndThenListsNone()
      throws Exception {
    List<UUID> users = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      users.add(legacyDeleted(Duration.ofDays(5 + i)));
    }
    List<String> listed = ids(api.post("/v1/admin/backfill?dry_run=true", admin(), null).body());
    assertThat(listed).containsAll(users.stream().map(UUID::toString).toList());

    Reply reply = api.post("/v1/admin/backfill", admin(), null);

    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.body().get("workflow_id").asText()).isEqualTo("legacy-backfill-now");
    BackfillResult result =
        api.env()
            .getWorkflowClient()
            .newUntypedWorkflowStub(
                WorkflowTargetOptions.newBuilder()
                    .setWorkflowExecution(
                        WorkflowExecution.newBuilder()
                            .setWorkflowId(reply.body().get("workflow_id").asText())
                            .setRunId(reply.body().get("run_id").asText())
                            .build())
                    .build())
            .getResult(60, TimeUnit.SECONDS, BackfillResult.class);
    assertThat(result.started()).isEqualTo(listed.size());
    // The dry run and the pass read the same candidates: it started exactly the listed ones.
    List<String> started =
        api.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT user_id::text FROM legacy_backfill_starts"
                                + " WHERE backfill_run_id = :run ORDER BY user_id")
                        .bind("run", reply.body().get("run_id").asText())
                        .mapTo(String.class)
                        .list());
    assertThat(started).containsExactlyInAnyOrderElementsOf(listed);

    for (UUID user : users) {
      awaitLedgerRow(user);
    }
    List<String> after = ids(api.post("/v1/admin/backfill?dry_run=true", admin(), null).body());
    assertThat(after).doesNotContainAnyElementsOf(listed);
  }

  @Test
  void givenALegacyDeadline_whenAnAdminRequestsTheDeletion_itKeepsTheEarlierLegacyDeadline() {
    Instant deadline = api.clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MILLIS);
    UUID user = legacyDeleted(deadline);

    Reply accepted = api.post("/v1/admin/users/" + user + "/deletion", admin(), null);

    assertThat(accepted.status()).isEqualTo(202);
    assertThat(Instant.parse(accepted.body().get("scheduled_for").asText())).isEqualTo(deadline);
  }

  @Test
  void givenBadParameters_whenBackfilling_itAnswers400WithACode() {
    assertThat(api.post("/v1/admin/backfill?dry_run=maybe", admin(), null).code())
        .isEqualTo("invalid_dry_run");
    assertThat(api.post("/v1/admin/backfill?dry_run=true&limit=0", admin(), null).code())
        .isEqualTo("invalid_limit");
    assertThat(api.post("/v1/admin/backfill?limit=5", admin(), null).code())
        .isEqualTo("invalid_limit");
  }

  /** A user the old hard-delete worker soft-deleted 20 days ago, due {@code fromNow} from now. */
  private static UUID legacyDeleted(Duration fromNow) {
    return legacyDeleted(api.clock.instant().plus(fromNow));
  }

  private static UUID legacyDeleted(Instant deadline) {
    UUID user = api.newUser();
    api.jdbi()
        .useHandle(
            h ->
                h.execute(
                    "UPDATE users SET deleted_at = ?, deletion_scheduled_for = ? WHERE id = ?",
                    api.clock.instant().minus(Duration.ofDays(20)),
                    deadline,
                    user));
    return user;
  }

  private static List<String> ids(JsonNode body) {
    List<String> ids = new ArrayList<>();
    body.get("user_ids").forEach(id -> ids.add(id.asText()));
    return ids;
  }

  private static long count(String sql) {
    return api.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private static void awaitLedgerRow(UUID user) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (api.jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT count(*) FROM deletion_requests WHERE user_id = :u")
                        .bind("u", user)
                        .mapTo(Long.class)
                        .one())
        == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no ledger row for the started deletion within 60 s");
      }
      Thread.sleep(100);
    }
  }
}
