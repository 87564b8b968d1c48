package com.veza.erasure.activities.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.veza.erasure.activities.export.ExportActivitiesImpl;
import com.veza.erasure.deletion.AccountDeletionWorkflow;
import com.veza.erasure.deletion.DeletionActivityTypes;
import com.veza.erasure.deletion.DeletionPhase;
import com.veza.erasure.deletion.DeletionReceipt;
import com.veza.erasure.deletion.DeletionStatus;
import com.veza.erasure.deletion.DeletionStep;
import com.veza.erasure.deletion.StepState;
import com.veza.erasure.deletion.VerificationReport;
import com.veza.erasure.export.BuildExportInput;
import com.veza.erasure.export.BuiltExport;
import com.veza.erasure.export.MarkReadyInput;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.CanceledFailure;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
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
  void givenKeepPublicTracks_whenTheWindowPasses_itErasesEveryStoreAndSparesTheNeighbour()
      throws Exception {
    String victimExport = readyExport(victim.id());
    String neighbourExport = readyExport(neighbour.id());
    world.startWorker(true);
    world.starter.start(world.request(victim.id(), true));
    world.temporal.sleep(Duration.ofDays(31));
    DeletionReceipt receipt = world.result(victim.id());

    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(withoutMapCounts(receipt.verification()))
        .isEqualTo(new VerificationReport(0, 0, 0, 0L, 0L, 0));
    assertMapCountsClean(receipt.verification());
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
          .containsEntry("artist", AnonymizedValues.ARTIST)
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
  void givenExportFilesNoRowPublished_whenTheWindowPasses_itRemovesThemAllAndSparesTheNeighbour()
      throws Exception {
    // Written but never marked READY: markReady gave up, or the worker died before it.
    String unready = builtExport(victim.id());
    // What a build killed mid-write leaves: its temp file, which starts with the profile.
    Path killedBuild = world.exports.root().resolve(victim.id() + "/.part-4711.tmp");
    Files.writeString(killedBuild, "{\"email\":\"victim@example.com\"}");
    String neighbourUnready = builtExport(neighbour.id());
    world.startWorker(true);
    world.starter.start(world.request(victim.id(), true));
    world.temporal.sleep(Duration.ofDays(31));
    DeletionReceipt receipt = world.result(victim.id());

    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(world.exports.exists(unready)).isFalse();
    assertThat(killedBuild).doesNotExist();
    assertThat(filesUnder(victim.id())).isEmpty();
    assertThat(world.exports.exists(neighbourUnready)).isTrue();
    assertThat(receipt.steps().get(DeletionStep.ERASE_EXPORTS).counts())
        .containsEntry("export_files_deleted", 2L);
  }

  @Test
  void
      givenAnExportFileAppearingBeforeVerify_whenTheWindowPasses_itNeedsAttentionAndARetryErasesItAndCompletes()
          throws Exception {
    String neighbourExport = readyExport(neighbour.id());
    // A stale build attempt publishing between ERASE_EXPORTS and VERIFY.
    Path late = world.exports.root().resolve(victim.id() + "/" + UUID.randomUUID() + "/late.zip");
    world.afterNextEraseExports(
        () -> {
          try {
            Files.createDirectories(late.getParent());
            Files.writeString(late, "{\"email\":\"victim@example.com\"}");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    world.startWorker(true);
    world.starter.start(world.request(victim.id(), true));
    world.temporal.sleep(Duration.ofDays(31));
    awaitTrue(
        () ->
            status().phase() == DeletionPhase.NEEDS_ATTENTION
                || status().phase() == DeletionPhase.COMPLETED);

    DeletionStatus parked = status();
    assertThat(parked.phase()).isEqualTo(DeletionPhase.NEEDS_ATTENTION);
    assertThat(parked.steps().get(DeletionStep.VERIFY).state()).isEqualTo(StepState.FAILED);
    assertThat(parked.steps().get(DeletionStep.VERIFY).counts())
        .containsEntry("export_files_left", 1L);
    assertThat(late).exists();
    // Phase writes run beside the workflow: the row follows shortly.
    awaitTrue(() -> ledgerPhase(victim.id()).equals("NEEDS_ATTENTION"));

    world.starter.existing(victim.id().toString()).retry();
    DeletionReceipt receipt = world.result(victim.id());

    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(receipt.verification().clean()).isTrue();
    assertThat(receipt.steps().get(DeletionStep.VERIFY).counts())
        .containsEntry("export_files_left", 0L);
    assertThat(late).doesNotExist();
    assertThat(world.exports.exists(neighbourExport)).isTrue();
    String storedReceipt =
        world.jdbi.withHandle(
            h ->
                h.createQuery("SELECT receipt::text FROM deletion_requests WHERE user_id = ?")
                    .bind(0, victim.id())
                    .mapTo(String.class)
                    .one());
    assertThat(storedReceipt).doesNotContain("late.zip", ".part-", "@example.com");
  }

  @Test
  void givenPublicTracksNotKept_whenTheWindowPasses_itRemovesAllTheUsersContent() throws Exception {
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
  void givenAPendingDeletion_whenRecoveredInsideTheWindow_itRestoresTheAccountAndErasesNothing()
      throws Exception {
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
  void givenAPendingDeletion_whenCancelledFromOutsideDuringTheWindow_itRestoresTheAccount()
      throws Exception {
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
  void givenTheSoftDeleteHangsOnOneWorker_whenCancelled_itEndsWithTheAccountActiveAndRecovered()
      throws Exception {
    // The worker's path to PostgreSQL hangs: its soft-delete is started but cannot commit yet.
    WorkerFactory hanging = world.startWorker(true);
    world.postgresProxy.stall();
    world.starter.start(world.request(victim.id(), false));
    awaitTrue(
        () ->
            pendingAttempt("MarkPendingDeletion")
                .filter(a -> a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED)
                .isPresent());
    // That worker finishes what it holds but takes nothing new; another one carries on.
    hanging.shutdown();
    world.startWorkerBypassingPostgresProxy(true);

    world.starter.untyped(victim.id().toString()).cancel();
    awaitTrue(this::cancelHandled);
    awaitTrue(() -> !scheduledActivityTypes().contains("RestoreAccount") || !running());
    assertThat(scheduledActivityTypes())
        .as("no restore may run before the soft-delete has finished")
        .doesNotContain("RestoreAccount");

    world.postgresProxy.restore();
    hanging.awaitTermination(60, TimeUnit.SECONDS);
    assertThat(hanging.isTerminated()).isTrue();
    awaitTrue(() -> !running());

    assertThat(
            world.rows.count(
                "SELECT count(*) FROM users WHERE id = ? AND deleted_at IS NULL"
                    + " AND deletion_scheduled_for IS NULL AND anonymized_at IS NULL",
                victim.id()))
        .isEqualTo(1);
    // Revoked sessions stay revoked, as after any recovery.
    assertThat(world.rows.count("SELECT count(*) FROM sessions WHERE user_id = ?", victim.id()))
        .isZero();
    assertLedger(victim.id(), "RECOVERED");
    assertThat(status().phase()).isEqualTo(DeletionPhase.RECOVERED);
  }

  @Test
  void givenAnAccountSoftDeletedBeforeTheRequest_whenRecovered_itStaysSoftDeleted()
      throws Exception {
    Instant suspendedAt = Instant.now().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.MICROS);
    world.jdbi.useHandle(
        h -> h.execute("UPDATE users SET deleted_at = ? WHERE id = ?", suspendedAt, victim.id()));
    world.startWorker(true);
    world.starter.start(world.request(victim.id(), false));
    world.temporal.sleep(Duration.ofDays(3));

    DeletionStatus status = world.starter.existing(victim.id().toString()).recover();

    assertThat(status.phase()).isEqualTo(DeletionPhase.RECOVERED);
    assertThat(
            world.rows.count(
                "SELECT count(*) FROM users WHERE id = ? AND deleted_at = ?"
                    + " AND deletion_scheduled_for IS NULL AND email = 'victim@example.com'",
                victim.id(),
                suspendedAt))
        .isEqualTo(1);
    assertLedger(victim.id(), "RECOVERED");
  }

  @Test
  void
      givenMarkPendingParkedByAPostgresOutage_whenRecovered_itIsAcceptedAndAnOperatorRetryNeverErases()
          throws Exception {
    world.close();
    world = new DeletionWorld(Duration.ofMinutes(2));
    victim = world.seed(victim.id(), "victim");
    world.postgresProxy.cut();
    world.startWorker(true);
    world.starter.start(world.request(victim.id(), false));
    world.temporal.sleep(Duration.ofMinutes(10));
    awaitTrue(() -> status().phase() == DeletionPhase.NEEDS_ATTENTION);
    assertThat(status().steps().get(DeletionStep.MARK_PENDING).state()).isEqualTo(StepState.FAILED);

    // PostgreSQL is still down: the recovery is accepted, and its restore parks in turn.
    WorkflowUpdateHandle<DeletionStatus> recovery =
        world
            .starter
            .untyped(victim.id().toString())
            .startUpdate("recover", WorkflowUpdateStage.ACCEPTED, DeletionStatus.class);
    world.temporal.sleep(Duration.ofMinutes(10));
    awaitTrue(() -> status().steps().get(DeletionStep.RESTORE).state() == StepState.FAILED);
    assertThat(status().phase()).isEqualTo(DeletionPhase.NEEDS_ATTENTION);

    world.postgresProxy.restore();
    world.starter.existing(victim.id().toString()).retry();

    assertThat(recovery.getResult(60, TimeUnit.SECONDS).phase()).isEqualTo(DeletionPhase.RECOVERED);
    assertThat(world.result(victim.id()).outcome()).isEqualTo(DeletionPhase.RECOVERED);
    assertThat(
            world.rows.count(
                "SELECT count(*) FROM users WHERE id = ? AND deleted_at IS NULL"
                    + " AND anonymized_at IS NULL AND email = 'victim@example.com'",
                victim.id()))
        .isEqualTo(1);
    assertThat(world.redisKeys("user:" + victim.id() + ":*")).isEqualTo(154);
    assertThat(world.search.exists(world.search.settings.usersIndex(), victim.id().toString()))
        .isTrue();
  }

  @Test
  void givenErasureInProgress_whenRecovering_itIsRejectedAndErasureFinishes() throws Exception {
    world.searchProxy.stall();
    world.startWorker(true);
    world.starter.start(world.request(victim.id(), false));
    world.temporal.sleep(Duration.ofDays(30).plusMinutes(1));
    awaitTrue(() -> pendingAttempt(DeletionActivityTypes.PURGE_SEARCH_FROM_SNAPSHOT).isPresent());

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
    awaitTrue(() -> pendingAttempt(DeletionActivityTypes.PURGE_SEARCH_FROM_SNAPSHOT).isPresent());

    world.starter.untyped(victim.id().toString()).cancel();
    world.searchProxy.restore();
    awaitTrue(() -> status().phase() == DeletionPhase.COMPLETED);

    DeletionReceipt receipt = status().receipt();
    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(withoutMapCounts(receipt.verification()))
        .isEqualTo(new VerificationReport(0, 0, 0, 0L, 0L, 0L));
    assertMapCountsClean(receipt.verification());
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
  void givenTheWorkerDiesMidErasure_whenANewWorkerStarts_itFinishesTheErasureWithoutHarm()
      throws Exception {
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
    assertThat(withoutMapCounts(receipt.verification()))
        .isEqualTo(new VerificationReport(0, 0, 0, 0L, 0L, 0));
    assertMapCountsClean(receipt.verification());
    assertThat(receipt.steps().get(DeletionStep.ANONYMIZE).state()).isEqualTo(StepState.SUCCEEDED);
    assertNeighbourAndGlobalDataIntact();
    assertLedger(victim.id(), "COMPLETED");
  }

  @Test
  void givenRedisUnreachableForAWhile_itRetriesThePurgeAndCompletesWhenRedisIsBack()
      throws Exception {
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
    // References read before anonymization leave the index out after a few attempts, so the
    // outage holds up only the index's own purge, after PostgreSQL was anonymized.
    assertThat(parked.steps().get(DeletionStep.THIRD_PARTY_REFERENCES).counts())
        .containsEntry("third_party_references_search_unavailable", 1L);
    assertThat(parked.steps().get(DeletionStep.ANONYMIZE).state()).isEqualTo(StepState.SUCCEEDED);
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
  void givenNoRedisOrElasticsearchConfigured_itSkipsTheirStepsAndCompletesTheDeletion()
      throws Exception {
    world.startWorker(false);
    world.starter.start(world.request(victim.id(), false));
    world.temporal.sleep(Duration.ofDays(31));
    DeletionReceipt receipt = world.result(victim.id());

    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(receipt.steps().get(DeletionStep.PURGE_CACHE).state()).isEqualTo(StepState.SKIPPED);
    assertThat(receipt.steps().get(DeletionStep.PURGE_SEARCH).state()).isEqualTo(StepState.SKIPPED);
    assertThat(withoutMapCounts(receipt.verification()))
        .isEqualTo(new VerificationReport(0, 0, 0, null, null, 0));
    assertMapCountsClean(receipt.verification());
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

  private boolean running() {
    return world.starter.untyped(victim.id().toString()).describe().getStatus()
        == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  private List<HistoryEvent> history() {
    return world
        .temporal
        .client()
        .fetchHistory(AccountDeletionWorkflow.workflowId(victim.id().toString()))
        .getEvents();
  }

  /** A workflow task completed after the cancel request: the workflow has seen it. */
  private boolean cancelHandled() {
    List<EventType> types = history().stream().map(HistoryEvent::getEventType).toList();
    int cancel = types.indexOf(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED);
    return cancel >= 0
        && types
            .subList(cancel, types.size())
            .contains(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
  }

  private List<String> scheduledActivityTypes() {
    return history().stream()
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
        .toList();
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

  /** Every entry under the user's export location but directories. */
  private List<Path> filesUnder(UUID user) throws IOException {
    Path location = world.exports.root().resolve(user.toString());
    if (!Files.exists(location)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(location)) {
      return walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
    }
  }

  /** An export of {@code user}'s data built by the real activity, never marked READY. */
  private String builtExport(UUID user) {
    UUID exportId = UUID.randomUUID();
    world.jdbi.useHandle(
        h ->
            h.execute(
                "INSERT INTO data_exports (id, user_id, status, requested_at) VALUES (?, ?, 'PENDING', now())",
                exportId,
                user));
    return new ExportActivitiesImpl(world.jdbi, world.exports, Clock.systemUTC())
        .buildExport(new BuildExportInput(exportId.toString(), user.toString()))
        .storageKey();
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

  /** The report's totals, as asserted before the erasure map added its per-rule counts. */
  private static VerificationReport withoutMapCounts(VerificationReport report) {
    return new VerificationReport(
        report.piiRowsLeft(),
        report.tracksLeft(),
        report.playlistsLeft(),
        report.cacheKeysLeft(),
        report.searchDocsLeft(),
        report.exportFilesLeft());
  }

  /** Every rule of the reference map re-checked and clean, and the receipt names the map. */
  private static void assertMapCountsClean(VerificationReport report) {
    assertThat(report.rowsLeft())
        .containsOnlyKeys(
            "users",
            "user_profiles",
            "playback_history",
            "playlists",
            "tracks",
            "sessions",
            "messages")
        .allSatisfy((rule, left) -> assertThat(left).isZero());
    assertThat(report.erasureMapSha256())
        .isEqualTo(com.veza.erasure.activities.erasuremap.ErasureMaps.reference().sha256());
  }
}
