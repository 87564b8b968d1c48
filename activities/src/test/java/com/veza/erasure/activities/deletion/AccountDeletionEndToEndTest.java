package com.veza.erasure.activities.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.veza.erasure.activities.export.ExportActivitiesImpl;
import com.veza.erasure.deletion.DeletionPhase;
import com.veza.erasure.deletion.DeletionReceipt;
import com.veza.erasure.deletion.DeletionStatus;
import com.veza.erasure.deletion.DeletionStep;
import com.veza.erasure.deletion.StepState;
import com.veza.erasure.deletion.VerificationReport;
import com.veza.erasure.export.BuildExportInput;
import com.veza.erasure.export.BuiltExport;
import com.veza.erasure.export.MarkReadyInput;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.CanceledFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deletion workflow end to end on real PostgreSQL, Redis, Elasticsearch and Temporal's test
 * server, with outages made by cutting real TCP connections.
 */
class AccountDeletionEndToEndTest {

  private DeletionWorld world;
  private DeletionWorld.Seeded victim;
  private DeletionWorld.Seeded neighbour;
  private List<String> neighbourRowsBefore;

  @BeforeEach
  void setUp() throws Exception {
    world = new DeletionWorld(Duration.ofMinutes(10));
    UUID victimId = UUID.randomUUID();
    // Shares all but the last hex digit with the victim: a prefix match would take its data too.
    String v = victimId.toString();
    UUID neighbourId = UUID.fromString(v.substring(0, 35) + (v.charAt(35) == 'a' ? 'b' : 'a'));
    victim = world.seed(victimId, "victim");
    neighbour = world.seed(neighbourId, "neighbour");
    world.seedOtherKeys(neighbourId);
    neighbourRowsBefore = world.rows.rowsOf(neighbourId);
  }

  @AfterEach
  void tearDown() throws Exception {
    world.close();
  }

  @Test
  void givenWindowPasses_keepingPublicTracks_itErasesEveryStoreAndSparesTheNeighbour()
      throws Exception {
    String victimExport = readyExport(victim.id());
    String neighbourExport = readyExport(neighbour.id());
    world.startWorker(true);
    world.starter.start(world.request(victim.id(), true));
    world.temporal.sleep(Duration.ofDays(31));
    DeletionReceipt receipt = world.result(victim.id());

    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(receipt.verification()).isEqualTo(new VerificationReport(0, 0, 0, 0L, 0L));
    assertThat(receipt.steps().get(DeletionStep.PURGE_CACHE).counts())
        .containsEntry("keys_deleted", 154L);
    assertThat(receipt.steps().get(DeletionStep.PURGE_SEARCH).counts())
        .containsEntry("users_deleted", 1L)
        .containsEntry("tracks_deleted", 1L)
        .containsEntry("tracks_anonymized", 2L)
        .containsEntry("playlists_deleted", 1L);

    // PostgreSQL: PII gone, public tracks kept under an anonymous artist, the rest removed.
    assertThat(
            world.rows.count(
                "SELECT count(*) FROM users WHERE id = ? AND email LIKE 'deleted-%@erased.invalid'"
                    + " AND display_name = 'Deleted user' AND password_hash IS NULL",
                victim.id()))
        .isEqualTo(1);
    assertThat(
            world.rows.count(
                "SELECT count(*) FROM tracks WHERE creator_id = ? AND is_public"
                    + " AND artist = 'Anonymous artist'",
                victim.id()))
        .isEqualTo(2);
    assertThat(world.rows.count("SELECT count(*) FROM tracks WHERE id = ?", victim.privateTrack()))
        .isZero();
    assertThat(world.rows.count("SELECT count(*) FROM playlists WHERE user_id = ?", victim.id()))
        .isZero();
    assertThat(world.rows.count("SELECT count(*) FROM sessions WHERE user_id = ?", victim.id()))
        .isZero();
    // Elasticsearch: public track docs stay without the name; everything else of the user is gone.
    for (UUID track : victim.publicTracks()) {
      assertThat(world.search.source(world.search.settings.tracksIndex(), track.toString()))
          .containsEntry("artist", SearchIndexPurger.ANONYMOUS_ARTIST)
          .doesNotContainValue(victim.name());
    }
    assertThat(
            world.search.exists(
                world.search.settings.tracksIndex(), victim.privateTrack().toString()))
        .isFalse();
    assertThat(world.search.exists(world.search.settings.usersIndex(), victim.id().toString()))
        .isFalse();
    assertThat(
            world.search.exists(
                world.search.settings.playlistsIndex(), victim.playlist().toString()))
        .isFalse();
    // Data exports: the victim's ZIP is deleted and its row anonymized; the neighbour's stays.
    assertThat(receipt.steps().get(DeletionStep.ERASE_EXPORTS).counts())
        .containsEntry("export_files_deleted", 1L);
    assertThat(world.exports.exists(victimExport)).isFalse();
    assertThat(
            world.rows.count(
                "SELECT count(*) FROM data_exports WHERE user_id = ? AND storage_key IS NULL"
                    + " AND status = 'EXPIRED' AND anonymized_at IS NOT NULL",
                victim.id()))
        .isEqualTo(1);
    assertThat(world.exports.exists(neighbourExport)).isTrue();
    // Redis: all 154 keys gone.
    assertThat(world.redisKeys("user:" + victim.id() + ":*")).isZero();

    assertNeighbourAndGlobalDataIntact();
    assertLedger(victim.id(), "COMPLETED");
    String storedReceipt =
        world.jdbi.withHandle(
            h ->
                h.createQuery("SELECT receipt::text FROM deletion_requests WHERE user_id = ?")
                    .bind(0, victim.id())
                    .mapTo(String.class)
                    .one());
    assertThat(storedReceipt)
        .contains("\"outcome\"", "COMPLETED")
        .doesNotContain(victim.name(), "@example.com");
  }

  @Test
  void givenWindowPasses_withoutKeepingPublicTracks_allTheUsersContentIsRemoved() throws Exception {
    world.startWorker(true);
    world.starter.start(world.request(victim.id(), false));
    world.temporal.sleep(Duration.ofDays(31));
    DeletionReceipt receipt = world.result(victim.id());

    assertThat(receipt.verification().clean()).isTrue();
    assertThat(world.rows.count("SELECT count(*) FROM tracks WHERE creator_id = ?", victim.id()))
        .isZero();
    for (UUID track : victim.publicTracks()) {
      assertThat(world.search.exists(world.search.settings.tracksIndex(), track.toString()))
          .isFalse();
    }
    assertThat(receipt.steps().get(DeletionStep.PURGE_SEARCH).counts())
        .containsEntry("tracks_deleted", 3L);
    assertNeighbourAndGlobalDataIntact();
  }

  @Test
  void givenRecoveryInsideTheWindow_theAccountIsRestoredAndNothingIsErased() throws Exception {
    world.startWorker(true);
    world.starter.start(world.request(victim.id(), false));
    world.temporal.sleep(Duration.ofDays(12));
    assertThat(
            world.rows.count(
                "SELECT count(*) FROM users WHERE id = ? AND deleted_at IS NOT NULL", victim.id()))
        .isEqualTo(1);

    DeletionStatus status = world.starter.existing(victim.id().toString()).recover();

    assertThat(status.phase()).isEqualTo(DeletionPhase.RECOVERED);
    assertThat(world.result(victim.id()).outcome()).isEqualTo(DeletionPhase.RECOVERED);
    assertThat(
            world.rows.count(
                "SELECT count(*) FROM users WHERE id = ? AND deleted_at IS NULL"
                    + " AND deletion_scheduled_for IS NULL AND email = 'victim@example.com'",
                victim.id()))
        .isEqualTo(1);
    assertThat(world.redisKeys("user:" + victim.id() + ":*")).isEqualTo(154);
    assertThat(world.search.exists(world.search.settings.usersIndex(), victim.id().toString()))
        .isTrue();
    assertLedger(victim.id(), "RECOVERED");
  }

  @Test
  void givenCancellationFromOutsideDuringTheWindow_theAccountIsRestored() throws Exception {
    world.startWorker(true);
    world.starter.start(world.request(victim.id(), false));
    world.temporal.sleep(Duration.ofDays(2));

    world.starter.untyped(victim.id().toString()).cancel();
    awaitTrue(
        () ->
            world.starter.existing(victim.id().toString()).status().phase()
                == DeletionPhase.RECOVERED);

    assertThat(
            world.rows.count(
                "SELECT count(*) FROM users WHERE id = ? AND deleted_at IS NULL", victim.id()))
        .isEqualTo(1);
    assertThat(world.redisKeys("user:" + victim.id() + ":*")).isEqualTo(154);
    assertLedger(victim.id(), "RECOVERED");
  }

  @Test
  void givenErasureInProgress_recoveryIsRejectedAndErasureFinishes() throws Exception {
    world.searchProxy.stall();
    world.startWorker(true);
    world.starter.start(world.request(victim.id(), false));
    world.temporal.sleep(Duration.ofDays(30).plusMinutes(1));
    awaitTrue(() -> pendingAttempt("PurgeSearch").isPresent());

    assertThatThrownBy(() -> world.starter.existing(victim.id().toString()).recover())
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("can no longer be recovered");

    world.searchProxy.restore();
    assertThat(world.result(victim.id()).verification().clean()).isTrue();
  }

  @Test
  void givenErasureStarted_whenCancelledFromOutside_itStillErasesEverythingAndRecordsTheReceipt()
      throws Exception {
    world.searchProxy.stall();
    world.startWorker(true);
    world.starter.start(world.request(victim.id(), false));
    world.temporal.sleep(Duration.ofDays(30).plusMinutes(1));
    awaitTrue(() -> pendingAttempt("PurgeSearch").isPresent());

    world.starter.untyped(victim.id().toString()).cancel();
    world.searchProxy.restore();
    awaitTrue(() -> status().phase() == DeletionPhase.COMPLETED);

    DeletionReceipt receipt = status().receipt();
    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(receipt.verification()).isEqualTo(new VerificationReport(0, 0, 0, 0L, 0L));
    assertThat(world.search.exists(world.search.settings.usersIndex(), victim.id().toString()))
        .isFalse();
    assertThat(world.redisKeys("user:" + victim.id() + ":*")).isZero();
    assertThat(
            world.rows.count(
                "SELECT count(*) FROM users WHERE id = ? AND email LIKE 'deleted-%@erased.invalid'",
                victim.id()))
        .isEqualTo(1);
    assertNeighbourAndGlobalDataIntact();
    assertLedger(victim.id(), "COMPLETED");
    assertThat(
            world.rows.count(
                "SELECT count(*) FROM deletion_requests WHERE user_id = ? AND receipt IS NOT NULL"
                    + " AND erasure_started_at IS NOT NULL",
                victim.id()))
        .isEqualTo(1);
    // Temporal's Java SDK closes a run whose cancellation was requested as CANCELED, whatever the
    // workflow returns (sdk-java#896); the receipt is in the ledger and the status query.
    assertThatThrownBy(
            () -> world.starter.untyped(victim.id().toString()).getResult(DeletionReceipt.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
  }

  @Test
  void givenTheWorkerDiesMidErasure_aNewWorkerFinishesItWithoutHarm() throws Exception {
    world.redisProxy.stall();
    world.startWorker(true);
    world.starter.start(world.request(victim.id(), true));
    world.temporal.sleep(Duration.ofDays(30).plusMinutes(1));
    awaitTrue(
        () ->
            pendingAttempt("PurgeCache")
                .filter(a -> a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED)
                .isPresent());

    world.killWorkers();
    world.redisProxy.restore();
    world.startWorker(true);
    DeletionReceipt receipt = world.result(victim.id());

    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(receipt.verification()).isEqualTo(new VerificationReport(0, 0, 0, 0L, 0L));
    assertThat(receipt.steps().get(DeletionStep.ANONYMIZE).state()).isEqualTo(StepState.SUCCEEDED);
    assertNeighbourAndGlobalDataIntact();
    assertLedger(victim.id(), "COMPLETED");
  }

  @Test
  void givenRedisUnreachableForAWhile_thePurgeRetriesAndCompletesWhenItIsBack() throws Exception {
    world.redisProxy.cut();
    world.startWorker(true);
    world.starter.start(world.request(victim.id(), false));
    world.temporal.sleep(Duration.ofDays(30).plusMinutes(1));
    awaitTrue(() -> pendingAttempt("PurgeCache").filter(a -> a.getAttempt() >= 3).isPresent());

    world.redisProxy.restore();
    DeletionReceipt receipt = world.result(victim.id());

    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(receipt.steps().get(DeletionStep.PURGE_CACHE).failures()).isZero();
    assertThat(world.redisKeys("user:" + victim.id() + ":*")).isZero();
    assertNeighbourAndGlobalDataIntact();
  }

  @Test
  void givenElasticsearchUnreachableForGood_itNeedsAttentionAndAnOperatorRetryCompletesIt()
      throws Exception {
    world.close();
    world = new DeletionWorld(Duration.ofMinutes(2));
    victim = world.seed(victim.id(), "victim");
    world.searchProxy.cut();
    world.startWorker(true);
    world.starter.start(world.request(victim.id(), false));
    world.temporal.sleep(Duration.ofDays(30).plusMinutes(10));
    // The 10 minutes slept past the window cover the step's 2-minute budget in skipped time.
    awaitTrue(() -> status().phase() == DeletionPhase.NEEDS_ATTENTION);

    DeletionStatus parked = status();
    assertThat(parked.steps().get(DeletionStep.PURGE_SEARCH).state()).isEqualTo(StepState.FAILED);
    // Redis is independent of the failed store: its purge completed.
    assertThat(parked.steps().get(DeletionStep.PURGE_CACHE).state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(world.search.exists(world.search.settings.usersIndex(), victim.id().toString()))
        .isTrue();
    // The phase write runs beside the workflow, which does not wait for it.
    awaitTrue(() -> ledgerPhase(victim.id()).equals("NEEDS_ATTENTION"));

    world.searchProxy.restore();
    world.starter.existing(victim.id().toString()).retry();
    DeletionReceipt receipt = world.result(victim.id());

    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(receipt.steps().get(DeletionStep.PURGE_SEARCH).failures()).isEqualTo(1);
    assertThat(receipt.verification().clean()).isTrue();
    assertThat(world.search.exists(world.search.settings.usersIndex(), victim.id().toString()))
        .isFalse();
    assertLedger(victim.id(), "COMPLETED");
  }

  @Test
  void givenNoRedisOrElasticsearchConfigured_theirStepsAreSkippedAndTheDeletionCompletes()
      throws Exception {
    world.startWorker(false);
    world.starter.start(world.request(victim.id(), false));
    world.temporal.sleep(Duration.ofDays(31));
    DeletionReceipt receipt = world.result(victim.id());

    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(receipt.steps().get(DeletionStep.PURGE_CACHE).state()).isEqualTo(StepState.SKIPPED);
    assertThat(receipt.steps().get(DeletionStep.PURGE_SEARCH).state()).isEqualTo(StepState.SKIPPED);
    assertThat(receipt.verification()).isEqualTo(new VerificationReport(0, 0, 0, null, null));
    // Untouched, as configured: the worker has no client for them.
    assertThat(world.redisKeys("user:" + victim.id() + ":*")).isEqualTo(154);
  }

  private DeletionStatus status() {
    return world.starter.existing(victim.id().toString()).status();
  }

  private Optional<PendingActivityInfo> pendingAttempt(String activityType) {
    return world
        .starter
        .untyped(victim.id().toString())
        .describe()
        .getRawDescription()
        .getPendingActivitiesList()
        .stream()
        .filter(a -> a.getActivityType().getName().equals(activityType))
        .findFirst();
  }

  private void assertNeighbourAndGlobalDataIntact() throws Exception {
    UUID n = neighbour.id();
    assertThat(world.rows.rowsOf(n)).isEqualTo(neighbourRowsBefore);
    assertThat(world.redisKeys("user:" + n + ":*")).isEqualTo(154);
    assertThat(world.redisKeys("global:*") + world.redisKeys("sessions:*")).isEqualTo(2);
    assertThat(world.search.exists(world.search.settings.usersIndex(), n.toString())).isTrue();
    assertThat(
            world.search.exists(
                world.search.settings.playlistsIndex(), neighbour.playlist().toString()))
        .isTrue();
    assertThat(
            world.search.source(
                world.search.settings.tracksIndex(), neighbour.privateTrack().toString()))
        .containsEntry("artist", "neighbour");
  }

  private void assertLedger(UUID user, String phase) {
    assertThat(
            world.rows.count(
                "SELECT count(*) FROM deletion_requests WHERE user_id = ? AND phase = ?",
                user,
                phase))
        .isEqualTo(1);
  }

  private String ledgerPhase(UUID user) {
    return world.jdbi.withHandle(
        h ->
            h.createQuery("SELECT phase FROM deletion_requests WHERE user_id = ?")
                .bind(0, user)
                .mapTo(String.class)
                .one());
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 60 s");
      }
      Thread.sleep(100);
    }
  }

  /** A READY export of {@code user}'s data, built by the real activity; returns its storage key. */
  private String readyExport(UUID user) {
    UUID exportId = UUID.randomUUID();
    world.jdbi.useHandle(
        h ->
            h.execute(
                "INSERT INTO data_exports (id, user_id, status, requested_at) VALUES (?, ?, 'PENDING', now())",
                exportId,
                user));
    ExportActivitiesImpl exports =
        new ExportActivitiesImpl(world.jdbi, world.exports, Clock.systemUTC());
    BuiltExport built =
        exports.buildExport(new BuildExportInput(exportId.toString(), user.toString()));
    Instant now = Instant.now();
    exports.markReady(
        new MarkReadyInput(exportId.toString(), built, now, now.plus(Duration.ofDays(7))));
    return built.storageKey();
  }
}
