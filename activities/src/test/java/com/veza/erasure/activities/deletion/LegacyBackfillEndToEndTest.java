package com.veza.erasure.activities.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.veza.erasure.activities.backfill.LegacyBackfill;
import com.veza.erasure.activities.backfill.LegacyBackfillActivitiesImpl;
import com.veza.erasure.activities.export.LocalDirectoryExportStorage;
import com.veza.erasure.deletion.AccountDeletionWorkflowImpl;
import com.veza.erasure.deletion.DeletionActivityOptions;
import com.veza.erasure.deletion.DeletionPhase;
import com.veza.erasure.deletion.DeletionReceipt;
import com.veza.erasure.deletion.DeletionRequest;
import com.veza.erasure.deletion.DeletionStatus;
import com.veza.erasure.deletion.DeletionWorkflowStarter;
import com.veza.erasure.deletion.backfill.BackfillInput;
import com.veza.erasure.deletion.backfill.BackfillResult;
import com.veza.erasure.deletion.backfill.LegacyBackfillWorkflow;
import com.veza.erasure.deletion.backfill.LegacyBackfillWorkflowImpl;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The legacy backfill end to end on real PostgreSQL and Temporal's test server: the backfill
 * workflow is started directly, as the Temporal Schedule (which the test server does not implement)
 * and the admin API would start it; the deletions it starts run on the real workflow and
 * activities.
 */
class LegacyBackfillEndToEndTest {

  private static final String QUEUE = "erasure";

  private SkippingTemporalServer temporal;
  private WorkflowServiceStubs workerStubs;
  private WorkerFactory worker;
  private Jdbi jdbi;
  private PlatformRows rows;
  private DeletionWorkflowStarter starter;
  private final List<String> backfillRuns = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    temporal = new SkippingTemporalServer();
    jdbi = PlatformRows.freshDatabase();
    rows = new PlatformRows(jdbi);
    starter = new DeletionWorkflowStarter(temporal.client(), QUEUE);

    // As DeletionWorld: no cache and no sticky queue on the test server, every task replays.
    workerStubs = temporal.stubs();
    WorkflowClient workerClient = WorkflowClient.newInstance(workerStubs);
    worker =
        WorkerFactory.newInstance(
            workerClient, WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build());
    Worker w =
        worker.newWorker(
            QUEUE,
            WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build());
    w.registerWorkflowImplementationTypes(
        DeletionActivityOptions.withGiveUpAfter(Duration.ofMinutes(10)),
        AccountDeletionWorkflowImpl.class,
        LegacyBackfillWorkflowImpl.class);
    List<Object> activities =
        new ArrayList<>(
            DeletionActivities.create(
                jdbi,
                Clock.systemUTC(),
                null,
                null,
                new LocalDirectoryExportStorage(Files.createTempDirectory("veza-exports-"))));
    activities.add(
        new LegacyBackfillActivitiesImpl(
            new LegacyBackfill(
                jdbi, new DeletionWorkflowStarter(workerClient, QUEUE), Clock.systemUTC())));
    w.registerActivitiesImplementations(activities.toArray());
    worker.start();
  }

  @AfterEach
  void tearDown() {
    worker.shutdownNow();
    worker.awaitTermination(10, TimeUnit.SECONDS);
    workerStubs.shutdownNow();
    temporal.close();
  }

  @Test
  void givenAPastLegacyDeadline_whenBackfilled_itErasesNowWithTheOriginalDeadline()
      throws Exception {
    Instant now = serverNow();
    UUID user =
        legacyDeleted("past", now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(10)));

    BackfillResult result = backfill(BackfillInput.DEFAULT_PAGE_SIZE);

    assertThat(result).isEqualTo(new BackfillResult(1, 1, 0, 1));
    DeletionReceipt receipt = deletionResult(user);
    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(receipt.scheduledFor()).isEqualTo(now.minus(Duration.ofDays(10)));
    assertThat(receipt.requestedAt()).isEqualTo(now.minus(Duration.ofDays(40)));
    assertThat(receipt.keepPublicTracks()).isFalse();
    // Now, not 30 days on: the old path's deadline has passed already.
    assertThat(receipt.erasureStartedAt()).isBefore(now.plus(Duration.ofMinutes(1)));
    assertThat(
            rows.count(
                "SELECT count(*) FROM users WHERE id = ? AND anonymized_at IS NOT NULL", user))
        .isOne();
    assertThat(
            rows.count(
                "SELECT count(*) FROM deletion_requests WHERE user_id = ? AND phase = 'COMPLETED'"
                    + " AND requested_by = 'legacy-backfill' AND scheduled_for = ?",
                user,
                now.minus(Duration.ofDays(10))))
        .isOne();
    assertThat(
            rows.count(
                "SELECT count(*) FROM legacy_backfill_starts WHERE user_id = ?"
                    + " AND original_deadline = ? AND backfill_workflow_id = ?",
                user,
                now.minus(Duration.ofDays(10)),
                backfillRuns.get(0)))
        .isOne();
  }

  @Test
  void givenAFutureLegacyDeadline_whenBackfilled_itWaitsExactlyUntilThatDeadline()
      throws Exception {
    Instant now = serverNow();
    Instant deadline = now.plus(Duration.ofDays(5));
    UUID user = legacyDeleted("future", now.minus(Duration.ofDays(25)), deadline);

    assertThat(backfill(2).started()).isOne();
    awaitTrue(() -> ledgerRows(user) == 1);

    DeletionStatus status = starter.existing(user.toString()).status();
    assertThat(status.phase()).isEqualTo(DeletionPhase.SCHEDULED);
    assertThat(status.scheduledFor()).isEqualTo(deadline);
    assertThat(
            rows.count(
                "SELECT count(*) FROM deletion_requests WHERE user_id = ? AND scheduled_for = ?",
                user,
                deadline))
        .isOne();
    // MARK_PENDING kept the old path's deadline on the account.
    assertThat(
            rows.count(
                "SELECT count(*) FROM users WHERE id = ? AND deletion_scheduled_for = ?",
                user,
                deadline))
        .isOne();

    // Not earlier: an hour before the deadline nothing is erased yet.
    temporal.sleep(Duration.between(serverNow(), deadline).minus(Duration.ofHours(1)));
    assertThat(starter.existing(user.toString()).status().phase())
        .isEqualTo(DeletionPhase.SCHEDULED);
    assertThat(
            rows.count("SELECT count(*) FROM users WHERE id = ? AND anonymized_at IS NULL", user))
        .isOne();

    // Not later: the timer fires at the deadline, not 30 days after the backfill.
    DeletionReceipt receipt = deletionResult(user);
    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(receipt.erasureStartedAt())
        .isAfterOrEqualTo(deadline)
        .isBefore(deadline.plus(Duration.ofMinutes(1)));
  }

  @Test
  void givenARunningDeletion_whenBackfilled_itLeavesItAlone() throws Exception {
    Instant now = serverNow();
    UUID user =
        legacyDeleted("running", now.minus(Duration.ofDays(20)), now.plus(Duration.ofDays(10)));
    // Running, but on a queue no worker polls: it has no ledger row yet, as in its first seconds.
    WorkflowExecution running =
        new DeletionWorkflowStarter(temporal.client(), "nobody-polls")
            .start(new DeletionRequest(user.toString(), true, "user", now, Duration.ofDays(30)));

    BackfillResult result = backfill(BackfillInput.DEFAULT_PAGE_SIZE);

    assertThat(result).isEqualTo(new BackfillResult(1, 0, 1, 1));
    var description = starter.untyped(user.toString()).describe();
    assertThat(description.getExecution().getRunId()).isEqualTo(running.getRunId());
    assertThat(rows.count("SELECT count(*) FROM legacy_backfill_starts")).isZero();
    starter.untyped(user.toString()).terminate("test over");
  }

  @Test
  void givenABackfillThatRan_whenItRunsAgain_itStartsNothing() throws Exception {
    Instant now = serverNow();
    List<UUID> users = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      users.add(
          legacyDeleted(
              "again" + i, now.minus(Duration.ofDays(20)), now.plus(Duration.ofDays(10))));
    }

    // Pages of two: the keyset cursor carries the pass from one page to the next.
    assertThat(backfill(2)).isEqualTo(new BackfillResult(3, 3, 0, 2));
    BackfillResult again = backfill(2);

    assertThat(again.started()).isZero();
    // Still running and not yet in the ledger, or in the ledger and no longer a candidate.
    assertThat(again.alreadyRunning()).isEqualTo(again.candidates());
    for (UUID user : users) {
      awaitTrue(() -> ledgerRows(user) == 1);
    }
    assertThat(backfill(2)).isEqualTo(BackfillResult.NONE);
    assertThat(rows.count("SELECT count(*) FROM legacy_backfill_starts")).isEqualTo(3);
  }

  @Test
  void givenAccountsTheOldPathDidNotScheduleForDeletion_whenBackfilled_itStartsNone()
      throws Exception {
    Instant now = serverNow();
    UUID anonymized =
        legacyDeleted("anonymized", now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(10)));
    jdbi.useHandle(
        h -> h.execute("UPDATE users SET anonymized_at = ? WHERE id = ?", now, anonymized));
    UUID suspended = legacyDeleted("suspended", now.minus(Duration.ofDays(3)), null);
    rows.user(UUID.randomUUID(), "active");

    assertThat(backfill(BackfillInput.DEFAULT_PAGE_SIZE)).isEqualTo(BackfillResult.NONE);
    assertThat(rows.count("SELECT count(*) FROM deletion_requests")).isZero();
    assertThat(rows.count("SELECT count(*) FROM legacy_backfill_starts")).isZero();
    assertThat(suspended).isNotNull();
  }

  @Test
  void givenABackfilledDeletion_whenTheUserRecovers_itMakesTheAccountActiveAndNoCandidateAgain()
      throws Exception {
    Instant now = serverNow();
    UUID user =
        legacyDeleted("recovers", now.minus(Duration.ofDays(20)), now.plus(Duration.ofDays(10)));
    backfill(BackfillInput.DEFAULT_PAGE_SIZE);
    awaitTrue(() -> ledgerRows(user) == 1);

    DeletionStatus status = starter.existing(user.toString()).recover();

    assertThat(status.phase()).isEqualTo(DeletionPhase.RECOVERED);
    assertThat(
            rows.count(
                "SELECT count(*) FROM users WHERE id = ?"
                    + " AND deleted_at IS NULL AND deletion_scheduled_for IS NULL",
                user))
        .isOne();
    assertThat(backfill(BackfillInput.DEFAULT_PAGE_SIZE)).isEqualTo(BackfillResult.NONE);
  }

  @Test
  void givenTheHeartbeatOfAnEarlierAttempt_whenTheRetryResumes_itStartsOnlyAfterItsCursor()
      throws Exception {
    Instant now = serverNow();
    List<UUID> users = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      users.add(
          legacyDeleted(
              "resume" + i, now.minus(Duration.ofDays(20)), now.plus(Duration.ofDays(9))));
    }
    // PostgreSQL orders uuids by their bytes, as their lower-case strings sort.
    List<UUID> byId = users.stream().sorted(Comparator.comparing(UUID::toString)).toList();
    LegacyBackfill.Progress heartbeated =
        new LegacyBackfill.Progress(byId.get(0).toString(), new BackfillResult(1, 1, 0, 1));
    // The details come back from Temporal through the data converter.
    LegacyBackfill.Progress resumed =
        DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
            DefaultDataConverter.STANDARD_INSTANCE.toPayload(heartbeated).orElseThrow(),
            LegacyBackfill.Progress.class,
            LegacyBackfill.Progress.class);
    List<LegacyBackfill.Progress> beats = new ArrayList<>();

    BackfillResult result =
        new LegacyBackfill(jdbi, starter, Clock.systemUTC())
            .run(
                new BackfillInput(2),
                resumed,
                new LegacyBackfill.Origin("legacy-backfill-test", "run-2"),
                beats::add);

    assertThat(result).isEqualTo(new BackfillResult(3, 3, 0, 2));
    assertThat(beats)
        .extracting(LegacyBackfill.Progress::after)
        .containsExactly(byId.get(2).toString());
    assertThatThrownBy(() -> starter.untyped(byId.get(0).toString()).describe())
        .isInstanceOf(WorkflowNotFoundException.class);
    for (UUID user : byId.subList(1, 3)) {
      assertThat(starter.untyped(user.toString()).describe().getExecution().getRunId())
          .isNotEmpty();
    }
  }

  /** A user the old hard-delete worker soft-deleted; no schedule is a suspension. */
  private UUID legacyDeleted(String name, Instant deletedAt, Instant deletionScheduledFor) {
    UUID id = UUID.randomUUID();
    rows.user(id, name + "-" + id.toString().substring(0, 8));
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE users SET deleted_at = :at, deletion_scheduled_for = :for WHERE id = :id")
                .bind("at", deletedAt)
                .bind("for", deletionScheduledFor)
                .bind("id", id)
                .execute());
    return id;
  }

  /**
   * One pass, with time skipping off: time must not run ahead to the timers of the deletions it
   * starts.
   */
  private BackfillResult backfill(int pageSize) {
    String id = "legacy-backfill-test-" + backfillRuns.size();
    backfillRuns.add(id);
    return temporal
        .client()
        .newWorkflowStub(
            LegacyBackfillWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(QUEUE).build())
        .backfill(new BackfillInput(pageSize));
  }

  private DeletionReceipt deletionResult(UUID user) throws Exception {
    return temporal.skippingWhile(
        () ->
            starter
                .untyped(user.toString())
                .getResult(90, TimeUnit.SECONDS, DeletionReceipt.class));
  }

  private long ledgerRows(UUID user) {
    return rows.count("SELECT count(*) FROM deletion_requests WHERE user_id = ?", user);
  }

  /** Millisecond precision, as the workflow's clock: compared exactly with what PostgreSQL kept. */
  private Instant serverNow() {
    return Instant.ofEpochMilli(temporal.currentTimeMillis()).truncatedTo(ChronoUnit.MILLIS);
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
}
