package com.veza.erasure.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The workflow's own logic over scripted activities; real stores are exercised in activities/. */
class AccountDeletionWorkflowTest {

  private static final String QUEUE = "erasure-test";

  private TestWorkflowEnvironment env;
  private ScriptedActivities activities;
  private DeletionWorkflowStarter starter;
  private final String userId = UUID.randomUUID().toString();

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    DeletionSearchAttributes.DEFINITIONS.forEach(env::registerSearchAttribute);
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(
        DeletionActivityOptions.withGiveUpAfter(Duration.ofMinutes(2)),
        AccountDeletionWorkflowImpl.class);
    activities = new ScriptedActivities();
    worker.registerActivitiesImplementations(activities);
    env.start();
    starter = new DeletionWorkflowStarter(env.getWorkflowClient(), QUEUE);
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private DeletionRequest request(boolean keepPublicTracks) {
    return new DeletionRequest(
        userId,
        keepPublicTracks,
        "user",
        Instant.ofEpochMilli(env.currentTimeMillis()),
        DeletionRequest.DEFAULT_RECOVERY_WINDOW);
  }

  private DeletionReceipt result() {
    return starter.untyped(userId).getResult(DeletionReceipt.class);
  }

  @Test
  void givenWindowPasses_itErasesInDesignOrderAndReturnsACleanReceipt() {
    starter.start(request(true));
    env.sleep(Duration.ofDays(31));
    DeletionReceipt receipt = result();

    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(receipt.verification().clean()).isTrue();
    assertThat(receipt.steps().get(DeletionStep.PURGE_CACHE).counts())
        .containsEntry("keys_deleted", 154L);
    assertThat(receipt.steps())
        .allSatisfy(
            (step, outcome) ->
                assertThat(outcome.state())
                    .isEqualTo(
                        step == DeletionStep.RESTORE || step == DeletionStep.NOTIFY_RECOVERED
                            ? StepState.PENDING
                            : StepState.SUCCEEDED));
    // Content ids are read before anonymization changes anything; stores are purged after it.
    assertThat(activities.calls)
        .containsSubsequence("markPendingDeletion", "snapshotOwnedContent", "anonymizeAccount");
    // The ledger heard of the erasure (beside it: the workflow does not wait for the write).
    assertThat(activities.phaseWrites)
        .extracting(PhaseChange::phase)
        .containsExactly(DeletionPhase.ERASING);
    // Export files go with the account, right after the rows they were built from.
    assertThat(activities.calls.indexOf("eraseUserExports"))
        .isEqualTo(activities.calls.indexOf("anonymizeAccount") + 1);
    assertThat(receipt.steps().get(DeletionStep.ERASE_EXPORTS).counts())
        .containsEntry("export_files_deleted", 1L);
    assertThat(activities.calls.indexOf("purgeCache"))
        .isGreaterThan(activities.calls.indexOf("anonymizeAccount"));
    assertThat(activities.calls.indexOf("purgeSearchFromSnapshot"))
        .isGreaterThan(activities.calls.indexOf("anonymizeAccount"));
    assertThat(activities.calls)
        .endsWith("verifyErasureFromSnapshot", "notifyCompleted", "recordReceipt");
    assertThat(activities.count("restoreAccount")).isZero();
  }

  @Test
  void givenAPendingDeletion_whenAskingTheStatus_itShowsThePhaseDeadlineAndSearchAttributes() {
    DeletionRequest request = request(false);
    starter.start(request);
    env.sleep(Duration.ofHours(1));

    DeletionStatus status = starter.existing(userId).status();
    assertThat(status.phase()).isEqualTo(DeletionPhase.SCHEDULED);
    assertThat(status.scheduledFor()).isEqualTo(request.scheduledFor());
    assertThat(status.steps().get(DeletionStep.MARK_PENDING).state())
        .isEqualTo(StepState.SUCCEEDED);
    assertThat(status.steps().get(DeletionStep.ANONYMIZE).state()).isEqualTo(StepState.PENDING);

    var attributes = starter.untyped(userId).describe().getTypedSearchAttributes();
    assertThat(attributes.get(DeletionSearchAttributes.PHASE)).isEqualTo("SCHEDULED");
    assertThat(attributes.get(DeletionSearchAttributes.SCHEDULED_FOR).toInstant())
        .isEqualTo(request.scheduledFor());
  }

  @Test
  void givenPendingDeletion_whenRecovered_itRestoresTheAccountAndErasesNothing() {
    starter.start(request(false));
    env.sleep(Duration.ofDays(10));

    DeletionStatus afterRecover = starter.existing(userId).recover();

    assertThat(afterRecover.phase()).isEqualTo(DeletionPhase.RECOVERED);
    assertThat(result().outcome()).isEqualTo(DeletionPhase.RECOVERED);
    assertThat(activities.calls)
        .containsExactly(
            "markPendingDeletion",
            "markPendingDeletion:committed",
            "notifyScheduled",
            "restoreAccount",
            "notifyRecovered");
  }

  @Test
  void givenErasureStarted_whenRecovering_itIsRejectedByTheValidator() {
    activities.failNext("anonymizeAccount", Integer.MAX_VALUE);
    starter.start(request(false));
    env.sleep(Duration.ofDays(30).plusMinutes(5));

    assertThat(starter.existing(userId).status().phase())
        .isIn(DeletionPhase.ERASING, DeletionPhase.NEEDS_ATTENTION);
    assertThatThrownBy(() -> starter.existing(userId).recover())
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("can no longer be recovered");
    assertThat(activities.count("restoreAccount")).isZero();
  }

  @Test
  void givenPendingDeletion_whenCancelledFromOutside_itRestoresTheAccount() {
    starter.start(request(false));
    env.sleep(Duration.ofDays(1));

    starter.untyped(userId).cancel();

    // Temporal records the run as cancelled; the query still answers from its final state.
    assertThatThrownBy(this::result)
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(io.temporal.failure.CanceledFailure.class);
    assertThat(starter.existing(userId).status().phase()).isEqualTo(DeletionPhase.RECOVERED);
    assertThat(starter.existing(userId).status().receipt().outcome())
        .isEqualTo(DeletionPhase.RECOVERED);
    assertThat(activities.calls)
        .containsExactly(
            "markPendingDeletion",
            "markPendingDeletion:committed",
            "notifyScheduled",
            "restoreAccount",
            "notifyRecovered");
  }

  @Test
  void givenTheSoftDeleteStillRunning_whenCancelled_itRestoresOnlyAfterTheSoftDeleteFinished()
      throws Exception {
    activities.holdMarkPending = new CountDownLatch(1);
    starter.start(request(false));
    activities.markPendingStarted.await();

    starter.untyped(userId).cancel();
    awaitCancelHandled();

    // A restore that ran now would be undone by the soft-delete committing after it.
    assertThat(scheduledActivityTypes()).doesNotContain("RestoreAccount");
    assertThat(activities.calls).doesNotContain("restoreAccount");

    activities.holdMarkPending.countDown();
    assertThatThrownBy(this::result)
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(io.temporal.failure.CanceledFailure.class);
    assertThat(activities.calls)
        .containsExactly("markPendingDeletion", "markPendingDeletion:committed", "restoreAccount");
    DeletionStatus status = starter.existing(userId).status();
    assertThat(status.phase()).isEqualTo(DeletionPhase.RECOVERED);
    assertThat(status.steps().get(DeletionStep.MARK_PENDING).state())
        .isEqualTo(StepState.SUCCEEDED);
    assertThat(status.steps().get(DeletionStep.RESTORE).state()).isEqualTo(StepState.SUCCEEDED);
  }

  @Test
  void givenMarkPendingParkedInNeedsAttention_whenRecovered_itRestoresWithoutAnOperatorRetry() {
    activities.failNext("markPendingDeletion", Integer.MAX_VALUE);
    starter.start(request(false));
    env.sleep(Duration.ofMinutes(10));
    assertThat(starter.existing(userId).status().phase()).isEqualTo(DeletionPhase.NEEDS_ATTENTION);
    long attempts = activities.count("markPendingDeletion");
    activities.failures.clear();

    DeletionStatus recovered = starter.existing(userId).recover();

    assertThat(recovered.phase()).isEqualTo(DeletionPhase.RECOVERED);
    assertThat(result().outcome()).isEqualTo(DeletionPhase.RECOVERED);
    // Nothing is soft-deleted again only to be restored: the restore undoes what did commit.
    assertThat(activities.count("markPendingDeletion")).isEqualTo(attempts);
    assertThat(activities.count("restoreAccount")).isOne();
    assertThat(activities.count("anonymizeAccount")).isZero();
  }

  @Test
  void
      givenRecoveredWhileParkedAndTheRestoreFailsToo_whenAnOperatorRetries_itFinishesTheRecoveryNotErasure()
          throws Exception {
    activities.failNext("markPendingDeletion", Integer.MAX_VALUE);
    activities.failNext("restoreAccount", Integer.MAX_VALUE);
    starter.start(request(false));
    env.sleep(Duration.ofMinutes(10));

    WorkflowUpdateHandle<DeletionStatus> recovery =
        starter
            .untyped(userId)
            .startUpdate("recover", WorkflowUpdateStage.ACCEPTED, DeletionStatus.class);
    env.sleep(Duration.ofMinutes(10));
    DeletionStatus parked = starter.existing(userId).status();
    assertThat(parked.phase()).isEqualTo(DeletionPhase.NEEDS_ATTENTION);
    assertThat(parked.steps().get(DeletionStep.RESTORE).state()).isEqualTo(StepState.FAILED);

    activities.failures.clear();
    starter.existing(userId).retry();

    assertThat(recovery.getResult(30, TimeUnit.SECONDS).phase()).isEqualTo(DeletionPhase.RECOVERED);
    assertThat(result().outcome()).isEqualTo(DeletionPhase.RECOVERED);
    assertThat(activities.count("anonymizeAccount")).isZero();
    assertThat(activities.count("snapshotOwnedContent")).isZero();
  }

  @Test
  void givenMarkPendingParkedInNeedsAttention_whenCancelled_itRestores() {
    activities.failNext("markPendingDeletion", Integer.MAX_VALUE);
    starter.start(request(false));
    env.sleep(Duration.ofMinutes(10));
    assertThat(starter.existing(userId).status().phase()).isEqualTo(DeletionPhase.NEEDS_ATTENTION);
    activities.failures.clear();

    starter.untyped(userId).cancel();

    assertThatThrownBy(this::result)
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(io.temporal.failure.CanceledFailure.class);
    assertThat(starter.existing(userId).status().phase()).isEqualTo(DeletionPhase.RECOVERED);
    assertThat(activities.count("restoreAccount")).isOne();
    assertThat(activities.count("anonymizeAccount")).isZero();
  }

  @Test
  void givenErasureStarted_whenCancelled_itFinishesTheErasureAndRecordsTheReceipt() {
    // Anonymization retries a few times, so the cancel arrives while erasure is under way.
    activities.failNext("anonymizeAccount", 5);
    starter.start(request(false));
    env.sleep(Duration.ofDays(30).plusSeconds(2));
    assertThat(starter.existing(userId).status().phase()).isEqualTo(DeletionPhase.ERASING);

    starter.untyped(userId).cancel();

    // Temporal's Java SDK closes every run whose cancellation was requested as CANCELED, whatever
    // the workflow method returns (sdk-java#896): the receipt is in the ledger and the query.
    assertThatThrownBy(this::result)
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(io.temporal.failure.CanceledFailure.class);
    DeletionStatus status = starter.existing(userId).status();
    assertThat(status.phase()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(status.receipt().outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(status.receipt().verification().clean()).isTrue();
    assertThat(activities.calls)
        .endsWith("verifyErasureFromSnapshot", "notifyCompleted", "recordReceipt");
    assertThat(activities.count("restoreAccount")).isZero();
  }

  @Test
  void givenTheLedgerUnreachable_whenTheDeletionParks_itRetriesThePhaseWritesUntilTheyLand() {
    activities.failNext("anonymizeAccount", Integer.MAX_VALUE);
    // About 25 minutes of failed attempts each: far past the steps' two-minute budget.
    activities.failNext("recordPhase:ERASING", 30);
    activities.failNext("recordPhase:NEEDS_ATTENTION", 30);
    starter.start(request(false));
    env.sleep(Duration.ofDays(30).plusHours(1));

    assertThat(starter.existing(userId).status().phase()).isEqualTo(DeletionPhase.NEEDS_ATTENTION);
    assertThat(activities.phaseWrites)
        .extracting(PhaseChange::phase)
        .containsExactlyInAnyOrder(DeletionPhase.ERASING, DeletionPhase.NEEDS_ATTENTION);
    assertThat(sequenceOf(DeletionPhase.NEEDS_ATTENTION))
        .isGreaterThan(sequenceOf(DeletionPhase.ERASING));
    // The erasure did not wait for the ledger: it ran while the ERASING write was still retried.
    assertThat(activities.calls.indexOf("snapshotOwnedContent"))
        .isLessThan(activities.calls.lastIndexOf("recordPhase:ERASING"));

    activities.failures.clear();
    starter.existing(userId).retry();
    assertThat(result().outcome()).isEqualTo(DeletionPhase.COMPLETED);
  }

  private long sequenceOf(DeletionPhase phase) {
    return activities.phaseWrites.stream()
        .filter(w -> w.phase() == phase)
        .mapToLong(PhaseChange::sequence)
        .min()
        .orElseThrow();
  }

  @Test
  void givenARunningDeletion_whenStartedAgain_itJoinsTheRunningOne() {
    var first = starter.start(request(false));
    var second = starter.start(request(true));

    assertThat(second.getRunId()).isEqualTo(first.getRunId());
    env.sleep(Duration.ofHours(1));
    assertThat(starter.existing(userId).status().keepPublicTracks()).isFalse();
    assertThat(activities.count("markPendingDeletion")).isEqualTo(1);
  }

  @Test
  void givenOptionalStoresNotConfigured_itSkipsTheirStepsAndCompletesTheDeletion() {
    activities.cacheConfigured = false;
    activities.searchConfigured = false;
    starter.start(request(false));
    env.sleep(Duration.ofDays(31));

    DeletionReceipt receipt = result();
    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(receipt.steps().get(DeletionStep.PURGE_CACHE).state()).isEqualTo(StepState.SKIPPED);
    assertThat(receipt.steps().get(DeletionStep.PURGE_SEARCH).state()).isEqualTo(StepState.SKIPPED);
    assertThat(receipt.verification().cacheKeysLeft()).isNull();
  }

  @Test
  void givenAStepExhaustsItsRetries_itWaitsInNeedsAttentionAndRetryRerunsOnlyThatStep() {
    activities.failNext("purgeSearchFromSnapshot", Integer.MAX_VALUE);
    starter.start(request(false));
    env.sleep(Duration.ofDays(30).plusMinutes(10));

    DeletionStatus parked = starter.existing(userId).status();
    assertThat(parked.phase()).isEqualTo(DeletionPhase.NEEDS_ATTENTION);
    assertThat(parked.steps().get(DeletionStep.PURGE_SEARCH).state()).isEqualTo(StepState.FAILED);
    assertThat(parked.steps().get(DeletionStep.PURGE_SEARCH).error()).isEqualTo("ScriptedOutage");
    assertThat(parked.steps().get(DeletionStep.PURGE_CACHE).state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(
            starter
                .untyped(userId)
                .describe()
                .getTypedSearchAttributes()
                .get(DeletionSearchAttributes.PHASE))
        .isEqualTo("NEEDS_ATTENTION");
    assertThat(activities.calls)
        .contains("recordPhase:NEEDS_ATTENTION")
        .doesNotContain("verifyErasureFromSnapshot");

    activities.failures.clear();
    starter.existing(userId).retry();
    DeletionReceipt receipt = result();

    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(receipt.steps().get(DeletionStep.PURGE_SEARCH).failures()).isEqualTo(1);
    assertThat(activities.count("anonymizeAccount")).isEqualTo(1);
    assertThat(activities.count("purgeCache")).isEqualTo(1);
  }

  @Test
  void givenMarkPendingExhaustedItsRetries_whenAnOperatorRetries_itReopensTheWindowForRecovery() {
    activities.failNext("markPendingDeletion", Integer.MAX_VALUE);
    starter.start(request(false));
    env.sleep(Duration.ofMinutes(10));
    assertThat(starter.existing(userId).status().phase()).isEqualTo(DeletionPhase.NEEDS_ATTENTION);

    activities.failures.clear();
    assertThat(starter.existing(userId).retry().phase()).isEqualTo(DeletionPhase.SCHEDULED);
    env.sleep(Duration.ofDays(1));
    assertThat(starter.existing(userId).recover().phase()).isEqualTo(DeletionPhase.RECOVERED);
    assertThat(activities.count("anonymizeAccount")).isZero();
  }

  @Test
  void givenDataLeftAfterErasure_itNeedsAttentionAndRetryRunsTheWholePassAgain() {
    activities.dirtyVerifications.set(1);
    starter.start(request(false));
    env.sleep(Duration.ofDays(31));

    DeletionStatus parked = starter.existing(userId).status();
    assertThat(parked.phase()).isEqualTo(DeletionPhase.NEEDS_ATTENTION);
    assertThat(parked.steps().get(DeletionStep.VERIFY).state()).isEqualTo(StepState.FAILED);
    assertThat(parked.steps().get(DeletionStep.VERIFY).error())
        .startsWith("DATA_LEFT")
        .contains("cache_keys_left=1");
    assertThat(activities.count("recordReceipt")).isZero();

    starter.existing(userId).retry();
    DeletionReceipt receipt = result();

    assertThat(receipt.verification().clean()).isTrue();
    assertThat(activities.count("anonymizeAccount")).isEqualTo(2);
    assertThat(activities.count("purgeCache")).isEqualTo(2);
    assertThat(activities.count("verifyErasureFromSnapshot")).isEqualTo(2);
  }

  @Test
  void givenNoFailure_whenRetrying_itIsRejected() {
    starter.start(request(false));
    assertThatThrownBy(() -> starter.existing(userId).retry())
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("NEEDS_ATTENTION");
  }

  @Test
  void givenErasureStarted_whenRecoverIsSent_itIsRefusedWithTypeErasureStarted() {
    activities.failNext("anonymizeAccount", Integer.MAX_VALUE);
    starter.start(request(false));
    env.sleep(Duration.ofDays(30).plusMinutes(5));

    assertThatThrownBy(() -> starter.existing(userId).recover())
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(DeletionRefusal.ERASURE_STARTED.name());
              assertThat(f.isNonRetryable()).isTrue();
            });
  }

  @Test
  void givenNoStepFailed_whenRetryIsSent_itIsRefusedWithTypeNotNeedsAttention() {
    starter.start(request(false));

    assertThatThrownBy(() -> starter.existing(userId).retry())
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(DeletionRefusal.NOT_NEEDS_ATTENTION.name());
              assertThat(f.isNonRetryable()).isTrue();
            });
  }

  @Test
  void givenAnUnknownUser_itFailsWithUserNotFound() {
    activities.userExists = false;
    starter.start(request(false));

    assertThatThrownBy(this::result)
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo("USER_NOT_FOUND"));
  }

  @Test
  void givenAWorkflowIdForAnotherUser_itRefusesToRun() {
    WorkflowClient client = env.getWorkflowClient();
    AccountDeletionWorkflow wrong =
        client.newWorkflowStub(
            AccountDeletionWorkflow.class,
            starter.options(
                new DeletionRequest(
                    UUID.randomUUID().toString(),
                    false,
                    "user",
                    Instant.ofEpochMilli(env.currentTimeMillis()),
                    Duration.ofDays(30))));
    WorkflowClient.start(wrong::delete, request(false));

    assertThatThrownBy(() -> WorkflowStub.fromTyped(wrong).getResult(DeletionReceipt.class))
        .isInstanceOf(WorkflowFailedException.class);
    assertThat(activities.calls).isEmpty();
  }

  @Test
  void givenAPendingDeletion_itStoresScheduledForAsAnOffsetDateTimeInUtc() {
    DeletionRequest request = request(false);
    starter.start(request);
    OffsetDateTime stored =
        starter
            .untyped(userId)
            .describe()
            .getTypedSearchAttributes()
            .get(DeletionSearchAttributes.SCHEDULED_FOR);
    assertThat(stored.toInstant()).isEqualTo(request.scheduledFor());
  }

  private List<HistoryEvent> history() {
    return env.getWorkflowClient()
        .fetchHistory(AccountDeletionWorkflow.workflowId(userId))
        .getEvents();
  }

  /** Waits until a workflow task has completed after the cancel request: the workflow saw it. */
  private void awaitCancelHandled() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      List<EventType> types = history().stream().map(HistoryEvent::getEventType).toList();
      int cancel = types.indexOf(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED);
      if (cancel >= 0
          && types
              .subList(cancel, types.size())
              .contains(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)) {
        return;
      }
      assertThat(System.nanoTime()).as("cancel handled within 30 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private List<String> scheduledActivityTypes() {
    return history().stream()
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
        .toList();
  }

  @Test
  void givenWindowPasses_itReadsReferencesAndStagesTheNoticeBeforeAnonymizingAndNotifiesAfter() {
    starter.start(request(false));
    env.sleep(Duration.ofDays(31));
    DeletionReceipt receipt = result();

    // Names and the address are gone once anonymization ran: both are read before it.
    assertThat(activities.calls)
        .containsSubsequence(
            "markPendingDeletion:committed",
            "notifyScheduled",
            "snapshotOwnedContent",
            "findThirdPartyReferences",
            "stageCompletionNotice",
            "anonymizeAccount",
            "verifyErasureFromSnapshot",
            "notifyCompleted",
            "recordReceipt");
    assertThat(receipt.steps().get(DeletionStep.THIRD_PARTY_REFERENCES).counts())
        .containsEntry("third_party_references", 2L)
        .containsEntry("third_party_references_search", 1L);
    assertThat(receipt.steps().get(DeletionStep.NOTIFY_SCHEDULED).counts())
        .containsEntry("sent", 1L);
    assertThat(receipt.steps().get(DeletionStep.NOTIFY_COMPLETED).counts())
        .containsEntry("sent", 1L)
        .containsEntry("outbox_rows_left", 0L);
    assertThat(activities.outbox).isEmpty();
    assertThat(activities.count("discardCompletionNotice")).isZero();
  }

  @Test
  void givenTheRelayDown_whenErased_itCompletesWithTheNoticesFailedAndTheOutboxEmptied() {
    activities.failNext("notifyScheduled", Integer.MAX_VALUE);
    activities.failNext("notifyCompleted", Integer.MAX_VALUE);
    starter.start(request(false));
    env.sleep(Duration.ofDays(31));
    DeletionReceipt receipt = result();

    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    StepOutcome scheduled = receipt.steps().get(DeletionStep.NOTIFY_SCHEDULED);
    assertThat(scheduled.state()).isEqualTo(StepState.FAILED);
    assertThat(scheduled.error()).isEqualTo("ScriptedOutage");
    assertThat(scheduled.finishedAt()).isNotNull();
    StepOutcome completed = receipt.steps().get(DeletionStep.NOTIFY_COMPLETED);
    assertThat(completed.state()).isEqualTo(StepState.FAILED);
    assertThat(completed.counts()).containsEntry("sent", 0L).containsEntry("outbox_rows_left", 0L);
    assertThat(activities.calls)
        .containsSubsequence("notifyCompleted", "discardCompletionNotice", "recordReceipt");
    assertThat(activities.outbox).isEmpty();
    // A notice given up on is no reason to page anyone.
    assertThat(activities.phaseWrites)
        .extracting(PhaseChange::phase)
        .doesNotContain(DeletionPhase.NEEDS_ATTENTION);
    // Retried before it was given up on (within this test's 2-minute budget).
    assertThat(activities.count("notifyCompleted")).isGreaterThan(1);
  }

  @Test
  void givenNotificationsOff_whenErased_itSkipsTheNoticeSteps() {
    activities.notificationsEnabled = false;
    starter.start(request(false));
    env.sleep(Duration.ofDays(31));
    DeletionReceipt receipt = result();

    assertThat(receipt.steps().get(DeletionStep.NOTIFY_SCHEDULED).state())
        .isEqualTo(StepState.SKIPPED);
    assertThat(receipt.steps().get(DeletionStep.NOTIFY_COMPLETED).state())
        .isEqualTo(StepState.SKIPPED);
    assertThat(activities.count("notifyCompleted")).isZero();
  }
}
