package com.veza.erasure.deletion;

import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-memory activities for unit tests of the workflow's own logic (ordering, phases, recovery,
 * NEEDS_ATTENTION). The real activities are tested against real stores in the activities module.
 */
final class ScriptedActivities
    implements AccountActivities,
        LedgerActivities,
        CacheActivities,
        SearchActivities,
        VerificationActivities,
        CacheSweepJoinActivities,
        CacheSweepActivities,
        com.veza.erasure.export.ExportCleanupActivities,
        ReferenceActivities,
        NotificationActivities,
        NoticeOutboxActivities {

  final List<String> calls = new CopyOnWriteArrayList<>();

  /** Activity name → how many more attempts fail with a retryable error. */
  final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

  volatile boolean userExists = true;
  volatile boolean cacheConfigured = true;
  volatile boolean searchConfigured = true;
  volatile boolean notificationsEnabled = true;

  /** Outbox rows of completion notices, by run id, as the real outbox would hold them. */
  final Map<String, Boolean> outbox = new ConcurrentHashMap<>();

  /**
   * Set to make markPendingDeletion wait, as a soft-delete stuck on a lock would, until counted
   * down; {@link #markPendingStarted} tells when it is waiting.
   */
  volatile CountDownLatch holdMarkPending;

  final CountDownLatch markPendingStarted = new CountDownLatch(1);

  /** Phase writes that landed, in the order they landed. */
  final List<PhaseChange> phaseWrites = new CopyOnWriteArrayList<>();

  /** Joins reach the sweeper (as with {@code cacheSweep.enabled}); off, they are refused. */
  volatile boolean sweepEnabled;

  volatile Duration sweepWaitBound = Duration.ofMinutes(5);
  volatile Duration sweepBatchWindow = Duration.ofSeconds(30);
  volatile int sweepMaxBatchSize = 1000;

  /** Set to make sweepCacheBatch wait until counted down; {@link #sweepStarted} tells when. */
  volatile CountDownLatch holdSweep;

  final java.util.concurrent.Semaphore sweepStarted = new java.util.concurrent.Semaphore(0);

  /** The batches sweepCacheBatch was called with, in order. */
  final List<List<String>> sweptBatches = new CopyOnWriteArrayList<>();

  /** How many more verifications report a key left behind. */
  final AtomicInteger dirtyVerifications = new AtomicInteger();

  final OwnedContent content =
      new OwnedContent(
          List.of("00000000-0000-0000-0000-0000000000a1", "00000000-0000-0000-0000-0000000000a2"),
          List.of("00000000-0000-0000-0000-0000000000a1"),
          List.of("00000000-0000-0000-0000-0000000000b1"));

  void failNext(String activity, int times) {
    failures.put(activity, new AtomicInteger(times));
  }

  long count(String activity) {
    return calls.stream().filter(activity::equals).count();
  }

  private void call(String name) {
    calls.add(name);
    AtomicInteger left = failures.get(name);
    if (left != null && left.getAndDecrement() > 0) {
      throw ApplicationFailure.newFailure("scripted outage of " + name, "ScriptedOutage");
    }
  }

  @Override
  public MarkPendingResult markPendingDeletion(MarkPendingInput input) {
    call("markPendingDeletion");
    if (!userExists) {
      throw com.veza.erasure.common.ErasureErrors.USER_NOT_FOUND.failure("no such user");
    }
    markPendingStarted.countDown();
    CountDownLatch hold = holdMarkPending;
    if (hold != null) {
      try {
        hold.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    // Marks the moment the soft-delete commits, so tests can tell what ran after it.
    calls.add("markPendingDeletion:committed");
    return new MarkPendingResult(2, true);
  }

  @Override
  public RestoreResult restoreAccount(LedgerRef input) {
    call("restoreAccount");
    return new RestoreResult(true);
  }

  @Override
  public ContentSnapshot snapshotOwnedContent(LedgerRef input) {
    call("snapshotOwnedContent");
    return new ContentSnapshot(2, 1, 1);
  }

  @Override
  @Deprecated
  public OwnedContent collectOwnedContent(CollectContentInput input) {
    call("collectOwnedContent");
    return content;
  }

  @Override
  public AnonymizeResult anonymizeAccount(AnonymizeInput input) {
    call("anonymizeAccount");
    return new AnonymizeResult(Map.of("users", 1L));
  }

  @Override
  public void recordPhase(PhaseChange change) {
    call("recordPhase:" + change.phase());
    phaseWrites.add(change);
  }

  @Override
  public void recordReceipt(ReceiptRecord record) {
    call("recordReceipt");
  }

  @Override
  public CachePurgeResult purgeCache(CachePurgeInput input) {
    call("purgeCache");
    return cacheConfigured ? new CachePurgeResult(false, 154, 3) : CachePurgeResult.skippedResult();
  }

  @Override
  public SearchPurgeResult purgeSearchFromSnapshot(SnapshotInput input) {
    call("purgeSearchFromSnapshot");
    return searchResult();
  }

  @Override
  @Deprecated
  public SearchPurgeResult purgeSearch(SearchPurgeInput input) {
    call("purgeSearch");
    return searchResult();
  }

  private SearchPurgeResult searchResult() {
    return searchConfigured
        // Per index of the map, as a worker since the map drives the purge reports it.
        ? SearchPurgeResult.ofIndices(
            List.of(
                new SearchIndexPurged("users", 1, null, null),
                new SearchIndexPurged("tracks", 1, 1L, null),
                new SearchIndexPurged("playlists", 1, null, null)))
        : SearchPurgeResult.skippedResult();
  }

  @Override
  public long eraseUserExports(com.veza.erasure.export.EraseExportsInput input) {
    call("eraseUserExports");
    return 1;
  }

  @Override
  public VerificationReport verifyErasureFromSnapshot(SnapshotInput input) {
    call("verifyErasureFromSnapshot");
    return report();
  }

  @Override
  @Deprecated
  public VerificationReport verifyErasure(VerifyInput input) {
    call("verifyErasure");
    return report();
  }

  @Override
  public ReferenceCounts findThirdPartyReferences(LedgerRef input) {
    call("findThirdPartyReferences");
    return new ReferenceCounts(2, searchConfigured ? 1L : null, false, 0, null);
  }

  @Override
  public NoticeResult notifyScheduled(ScheduledNoticeInput input) {
    call("notifyScheduled");
    return notice();
  }

  @Override
  public NoticeResult notifyRecovered(LedgerRef input) {
    call("notifyRecovered");
    return notice();
  }

  @Override
  public NoticeResult notifyCompleted(LedgerRef input) {
    call("notifyCompleted");
    boolean staged = outbox.remove(input.runId()) != null;
    return notificationsEnabled
        ? new NoticeResult(false, staged ? 1 : 0, 0L)
        : new NoticeResult(true, 0, 0L);
  }

  @Override
  public boolean stageCompletionNotice(LedgerRef input) {
    call("stageCompletionNotice");
    if (notificationsEnabled) {
      outbox.put(input.runId(), true);
    }
    return notificationsEnabled;
  }

  @Override
  public long discardCompletionNotice(LedgerRef input) {
    call("discardCompletionNotice");
    outbox.remove(input.runId());
    return 0;
  }

  private NoticeResult notice() {
    return notificationsEnabled ? new NoticeResult(false, 1, null) : NoticeResult.skippedResult();
  }

  @Override
  public VerificationReport verifyErasureAfterCacheSweep(SweptSnapshotInput input) {
    call("verifyErasureAfterCacheSweep");
    VerificationReport r = report();
    return new VerificationReport(
        r.piiRowsLeft(),
        r.tracksLeft(),
        r.playlistsLeft(),
        input.cacheKeysLeft(),
        r.searchDocsLeft(),
        r.exportFilesLeft());
  }

  /** Signal-with-start through the activity's client, as the real join does. */
  @Override
  public CacheSweepTicket joinCacheSweep(CacheSweepJoinInput input) {
    call("joinCacheSweep");
    if (!sweepEnabled) {
      return CacheSweepTicket.notJoined();
    }
    WorkflowClient client = Activity.getExecutionContext().getWorkflowClient();
    CacheSweepWorkflow sweeper =
        client.newWorkflowStub(
            CacheSweepWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(CacheSweepWorkflow.WORKFLOW_ID)
                .setTaskQueue(Activity.getExecutionContext().getInfo().getActivityTaskQueue())
                .build());
    WorkflowStub.fromTyped(sweeper)
        .signalWithStart(
            "join",
            new Object[] {
              new CacheSweepJoin(
                  input.userId(),
                  input.workflowId(),
                  input.runId(),
                  input.ticket(),
                  sweepBatchWindow,
                  sweepMaxBatchSize)
            },
            new Object[] {CacheSweepCarry.empty()});
    return new CacheSweepTicket(true, sweepWaitBound);
  }

  @Override
  public CacheSweepResult sweepCacheBatch(CacheSweepBatch batch) {
    call("sweepCacheBatch");
    sweptBatches.add(batch.userIds());
    sweepStarted.release();
    CountDownLatch hold = holdSweep;
    if (hold != null) {
      try {
        hold.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return new CacheSweepResult(
        batch.userIds().stream().map(u -> new CacheSweepUserCounts(u, 154, 0)).toList(), 6);
  }

  private VerificationReport report() {
    long keysLeft = dirtyVerifications.getAndDecrement() > 0 ? 1 : 0;
    return new VerificationReport(
        0, 0, 0, cacheConfigured ? keysLeft : null, searchConfigured ? 0L : null, 0);
  }
}
