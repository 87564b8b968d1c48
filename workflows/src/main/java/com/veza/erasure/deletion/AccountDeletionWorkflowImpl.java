package com.veza.erasure.deletion;

import com.veza.erasure.common.ErasureErrors;
import com.veza.erasure.common.UserIds;
import com.veza.erasure.export.EraseExportsInput;
import com.veza.erasure.export.ExportCleanupActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;

/**
 * The steps of docs/design.md#deletion-steps, in order. State the queries read lives in {@link
 * DeletionProgress}.
 */
public class AccountDeletionWorkflowImpl implements AccountDeletionWorkflow {

  private static final Logger log = Workflow.getLogger(AccountDeletionWorkflowImpl.class);

  /** Change id of the step that deletes the user's data exports (docs/design.md#versioning). */
  static final String ERASE_USER_EXPORTS = "erase-user-exports";

  /**
   * Change id of v3: MARK_PENDING always finishes before RESTORE starts (a cancel waits for it),
   * and the user can recover whenever erasure has not started, also from NEEDS_ATTENTION.
   */
  static final String RECOVER_BEFORE_ERASURE = "recover-before-erasure";

  /**
   * Change id of ledger phase writes that are numbered, asynchronous and retried until they land
   * (docs/design.md#deletion-ledger); runs started before keep their synchronous best-effort
   * writes.
   */
  static final String ORDERED_PHASE_WRITES = "ordered-phase-writes";

  /**
   * Change id of the content snapshot (docs/design.md#content-snapshot): COLLECT_CONTENT writes the
   * ids to a table and returns counts, and the purge and verification read them from there, so the
   * history no longer grows with the account. Runs started before carry the ids in the history.
   */
  static final String CONTENT_SNAPSHOT = "content-snapshot";

  /**
   * Change id of THIRD_PARTY_REFERENCES (docs/design.md#third-party-references): before
   * anonymization, other users' tracks naming the user are counted, and scrubbed when configured.
   */
  static final String THIRD_PARTY_REFERENCES = "third-party-references";

  /**
   * Change id of the user's emails (docs/design.md#notifications): scheduled, recovered and
   * completed, each best-effort; the completion notice's address waits in an outbox row.
   */
  static final String NOTIFY_USER = "notify-user";

  /**
   * Change id of the cache sweep (docs/design.md#cache-sweep): PURGE_CACHE joins the sweeper and
   * waits for its answer within the worker's bound, purging alone (as before) when the sweep is
   * off, fails or is late; the verification then takes the sweep's count instead of scanning Redis
   * again. Runs started before purge alone.
   */
  static final String CACHE_SWEEP = "cache-sweep";

  private final DeletionRequest request;
  private final DeletionProgress progress;
  private LedgerRef ref;
  private int recoveryVersion = Workflow.DEFAULT_VERSION;
  private boolean recoverRequested;
  private Instant erasureStartedAt;
  private DeletionReceipt receipt;

  /** Whether this run numbers its ledger phase writes ({@link #ORDERED_PHASE_WRITES}). */
  private boolean orderedPhaseWrites;

  /** Number of the last ledger phase write: their order, whatever order they land in. */
  private long phaseWrites;

  /** Whether this run emails the user ({@link #NOTIFY_USER}). */
  private boolean notifyUser;

  /** The scheduled notice, sent while the window runs; null until sent or when not sent. */
  private Promise<?> scheduledNotice;

  /** Number of the last join of the cache sweep; only its answer counts. */
  private long sweepTicket;

  /** The sweeper's answer to join {@link #sweepTicket}; null until it comes. */
  private CacheSweepOutcome sweepOutcome;

  /**
   * The user's keys the sweep's confirming pass found, when the last PURGE_CACHE was a sweep; null
   * when it purged alone and the verification scans Redis itself.
   */
  private Long sweptKeysLeft;

  @WorkflowInit
  public AccountDeletionWorkflowImpl(DeletionRequest request) {
    validate(request);
    this.request = request;
    this.progress = new DeletionProgress(request.scheduledFor(), this::recordPhase);
  }

  @Override
  public DeletionReceipt delete(DeletionRequest ignored) {
    ref =
        new LedgerRef(
            request.userId(), Workflow.getInfo().getWorkflowId(), Workflow.getInfo().getRunId());
    recoveryVersion = Workflow.getVersion(RECOVER_BEFORE_ERASURE, Workflow.DEFAULT_VERSION, 1);
    // Decided once, here: getVersion can yield, and an Update handler yielding in it would let the
    // workflow's own commands overtake the handler's.
    orderedPhaseWrites =
        Workflow.getVersion(ORDERED_PHASE_WRITES, Workflow.DEFAULT_VERSION, 1)
            > Workflow.DEFAULT_VERSION;
    notifyUser =
        Workflow.getVersion(NOTIFY_USER, Workflow.DEFAULT_VERSION, 1) > Workflow.DEFAULT_VERSION;
    progress.enter(DeletionPhase.SCHEDULED);
    if (recoveryVersion >= 1) {
      return deleteRecoveringBeforeErasure();
    }
    // Histories recorded before v3: a cancel could restore while the soft-delete still ran.
    try {
      markPendingDeletion();
      boolean recovered = waitOutRecoveryWindow();
      if (recovered) {
        return detached(this::restore);
      }
    } catch (CanceledFailure e) {
      // Cancelling from the Temporal UI during the window is a recovery, never a half-deletion.
      log.info("deletion cancelled during the recovery window; restoring account");
      return detached(this::restore);
    }
    // Once erasure starts it always finishes: cancellation no longer reaches it.
    return detached(this::erase);
  }

  /**
   * The steps since v3. MARK_PENDING runs detached: a restore racing a soft-delete that commits
   * after it would leave the account soft-deleted with a SCHEDULED ledger row nobody finishes. A
   * recovery or a cancel is honoured as soon as MARK_PENDING has ended, even parked in
   * NEEDS_ATTENTION: nothing is erased before the window ends.
   */
  private DeletionReceipt deleteRecoveringBeforeErasure() {
    CancellationScope workflowScope = CancellationScope.current();
    BooleanSupplier recovering = () -> recoverRequested || workflowScope.isCancelRequested();
    boolean[] marked = new boolean[1];
    // A cancel that came before the first step needs no soft-delete, only the (harmless) restore.
    Workflow.newDetachedCancellationScope(
            () -> marked[0] = !recovering.getAsBoolean() && markPendingUnless(recovering))
        .run();
    boolean recover = !marked[0] || recovering.getAsBoolean();
    if (!recover && notifyUser) {
      sendScheduledNotice();
    }
    if (!recover) {
      try {
        recover = waitOutRecoveryWindow();
      } catch (CanceledFailure e) {
        recover = true;
      }
    }
    if (recover && workflowScope.isCancelRequested()) {
      log.info("deletion cancelled before erasure started; restoring account");
    }
    // Once erasure starts it always finishes: cancellation no longer reaches it.
    return detached(recover ? this::restore : this::erase);
  }

  private void markPendingDeletion() {
    progress.run(
        DeletionStep.MARK_PENDING,
        this::callMarkPending,
        r -> Map.of("sessions_revoked", r.sessionsRevoked()));
  }

  /** Returns false when the user recovered or cancelled while the step was parked. */
  private boolean markPendingUnless(BooleanSupplier recovering) {
    return progress
        .runUnless(
            recovering,
            DeletionStep.MARK_PENDING,
            this::callMarkPending,
            r -> false,
            r ->
                Map.of(
                    "sessions_revoked",
                    r.sessionsRevoked(),
                    "account_soft_deleted",
                    r.accountSoftDeleted() ? 1L : 0L))
        .isPresent();
  }

  private MarkPendingResult callMarkPending() {
    return account("Soft-delete the account and revoke its sessions")
        .markPendingDeletion(
            new MarkPendingInput(
                ref,
                request.keepPublicTracks(),
                request.requestedBy(),
                request.requestedAt(),
                request.scheduledFor(),
                request.originalDeadline() != null));
  }

  /** Returns true when the user asked to recover before the window ended. */
  private boolean waitOutRecoveryWindow() {
    Duration left = Duration.between(now(), request.scheduledFor());
    if (left.isNegative()) {
      left = Duration.ZERO;
    }
    Workflow.setCurrentDetails(
        "Recovery window open until "
            + request.scheduledFor()
            + ". The user can recover the account until then; cancelling this workflow also recovers it.");
    Promise<Void> windowEnds =
        Workflow.newTimer(
            left,
            TimerOptions.newBuilder()
                .setSummary("Recovery window until " + request.scheduledFor())
                .build());
    Workflow.await(() -> recoverRequested || windowEnds.isCompleted());
    return recoverRequested;
  }

  /**
   * Sent while the window runs, not waited for: a recovery must not queue behind a relay that is
   * down. Detached, so a cancel (a recovery) does not cut off a notice already on its way.
   */
  private void sendScheduledNotice() {
    Workflow.newDetachedCancellationScope(
            () ->
                scheduledNotice =
                    Async.function(
                        () ->
                            progress.runBestEffort(
                                DeletionStep.NOTIFY_SCHEDULED,
                                () ->
                                    notifications("Email: deletion scheduled, how to recover")
                                        .notifyScheduled(
                                            new ScheduledNoticeInput(ref, request.scheduledFor())),
                                NoticeResult::skipped,
                                NoticeResult::counts)))
        .run();
  }

  /** The receipt shows how the scheduled notice ended; it has long ended by then. */
  private void awaitScheduledNotice() {
    if (scheduledNotice != null) {
      scheduledNotice.get();
    }
  }

  private DeletionReceipt restore() {
    progress.run(
        DeletionStep.RESTORE,
        () -> account("Restore the account (recovery)").restoreAccount(ref),
        r -> Map.of("restored", r.restored() ? 1L : 0L));
    progress.enter(DeletionPhase.RECOVERED);
    Workflow.setCurrentDetails("Recovered: the account was restored and nothing was erased.");
    // Only a user told of the schedule hears of the recovery: a cancel that came before the notice
    // changed nothing the user saw.
    if (notifyUser && scheduledNotice != null) {
      progress.runBestEffort(
          DeletionStep.NOTIFY_RECOVERED,
          () -> notifications("Email: account recovered").notifyRecovered(ref),
          NoticeResult::skipped,
          NoticeResult::counts);
      awaitScheduledNotice();
    }
    receipt = receipt(DeletionPhase.RECOVERED, null);
    return receipt;
  }

  private DeletionReceipt erase() {
    erasureStartedAt = now();
    progress.enter(DeletionPhase.ERASING);
    Workflow.setCurrentDetails("Erasing: PostgreSQL, then Redis and Elasticsearch in parallel.");

    // Histories recorded before the snapshot carry every id: replay them on that path.
    boolean snapshot =
        Workflow.getVersion(CONTENT_SNAPSHOT, Workflow.DEFAULT_VERSION, 1)
            > Workflow.DEFAULT_VERSION;
    OwnedContent content = snapshot ? null : collectOwnedContent();
    if (snapshot) {
      progress.run(
          DeletionStep.COLLECT_CONTENT,
          () ->
              account("Snapshot track and playlist ids before anonymization")
                  .snapshotOwnedContent(ref),
          c ->
              Map.of(
                  "tracks",
                  c.tracks(),
                  "public_tracks",
                  c.publicTracks(),
                  "playlists",
                  c.playlists()));
    }

    // Names are read, and the address copied, while anonymization has not erased them yet.
    if (Workflow.getVersion(THIRD_PARTY_REFERENCES, Workflow.DEFAULT_VERSION, 1)
        > Workflow.DEFAULT_VERSION) {
      progress.run(
          DeletionStep.THIRD_PARTY_REFERENCES,
          () ->
              Workflow.newActivityStub(
                      ReferenceActivities.class,
                      summary(
                          DeletionActivityOptions.REFERENCES,
                          "Count (or scrub) other users' tracks naming the user"))
                  .findThirdPartyReferences(ref),
          ReferenceCounts::counts);
    }
    boolean outboxMayHoldRow = notifyUser && stageCompletionNotice();

    VerificationReport verification = eraseAndVerify(content);
    if (notifyUser) {
      sendCompletionNotice(outboxMayHoldRow);
      awaitScheduledNotice();
    }

    DeletionReceipt completed = receipt(DeletionPhase.COMPLETED, verification);
    progress.run(
        DeletionStep.RECORD_RECEIPT,
        () -> {
          ledger("Store the erasure receipt in the ledger")
              .recordReceipt(new ReceiptRecord(ref, completed));
          return completed;
        },
        r -> Map.of());
    // The receipt's own RECORD_RECEIPT outcome is the one just recorded.
    receipt = receipt(DeletionPhase.COMPLETED, verification);
    progress.enter(DeletionPhase.COMPLETED);
    Workflow.setCurrentDetails(
        "Completed: erased; the receipt is the workflow result and is in the ledger.");
    return receipt;
  }

  /**
   * Copies the address into the outbox; returns whether a row may be there. A failure costs the
   * notice only: NOTIFY_COMPLETED is FAILED and erasure goes on.
   */
  private boolean stageCompletionNotice() {
    NoticeOutboxActivities outbox =
        Workflow.newActivityStub(
            NoticeOutboxActivities.class,
            summary(DeletionActivityOptions.POSTGRES, "Outbox: keep the address for the notice"));
    try {
      boolean staged = outbox.stageCompletionNotice(ref);
      if (!staged) {
        progress.skip(DeletionStep.NOTIFY_COMPLETED);
      }
      return staged;
    } catch (ActivityFailure e) {
      progress.giveUp(DeletionStep.NOTIFY_COMPLETED, e);
      // An attempt whose answer was lost may have written the row: the clean-up deletes it.
      return true;
    }
  }

  /**
   * Sends the completion notice, which deletes the outbox row; when it gives up (or staging did),
   * the row is deleted anyway, and that must succeed: an address kept after the erasure parks the
   * deletion for an operator like data left behind.
   */
  private void sendCompletionNotice(boolean outboxMayHoldRow) {
    if (!outboxMayHoldRow) {
      return;
    }
    boolean stagingFailed =
        progress.steps().get(DeletionStep.NOTIFY_COMPLETED).state() == StepState.FAILED;
    if (!stagingFailed
        && progress
            .runBestEffort(
                DeletionStep.NOTIFY_COMPLETED,
                () ->
                    notifications("Email: erasure completed, with the receipt id")
                        .notifyCompleted(ref),
                NoticeResult::skipped,
                NoticeResult::counts)
            .isPresent()) {
      return;
    }
    NoticeOutboxActivities outbox =
        Workflow.newActivityStub(
            NoticeOutboxActivities.class,
            summary(DeletionActivityOptions.POSTGRES, "Outbox: delete the undelivered address"));
    while (true) {
      try {
        long left = outbox.discardCompletionNotice(ref);
        progress.closeGivenUp(
            DeletionStep.NOTIFY_COMPLETED, Map.of("sent", 0L, "outbox_rows_left", left));
        return;
      } catch (ActivityFailure e) {
        progress.awaitOperatorRetry(
            DeletionStep.NOTIFY_COMPLETED, "OUTBOX_NOT_EMPTIED: " + DeletionProgress.describe(e));
      }
    }
  }

  @SuppressWarnings("deprecation") // the path of runs started before content-snapshot
  private OwnedContent collectOwnedContent() {
    return progress.run(
        DeletionStep.COLLECT_CONTENT,
        () ->
            account("Collect track and playlist ids before anonymization")
                .collectOwnedContent(new CollectContentInput(request.userId())),
        c ->
            Map.of(
                "tracks",
                (long) c.trackIds().size(),
                "public_tracks",
                (long) c.publicTrackIds().size(),
                "playlists",
                (long) c.playlistIds().size()));
  }

  /**
   * Anonymize, purge, verify: one pass. Safe to repeat, every step being idempotent.
   *
   * @param content the ids of a run started before content-snapshot; null since, the purge and
   *     verification reading the snapshot instead
   */
  private VerificationReport erasePass(OwnedContent content) {
    progress.run(
        DeletionStep.ANONYMIZE,
        () ->
            account("Anonymize users/user_profiles, remove content (one transaction)")
                .anonymizeAccount(new AnonymizeInput(ref, request.keepPublicTracks(), content)),
        AnonymizeResult::counts);

    // Histories recorded before exports existed have no such activity: replay them without it.
    if (Workflow.getVersion(ERASE_USER_EXPORTS, Workflow.DEFAULT_VERSION, 1) >= 1) {
      progress.run(
          DeletionStep.ERASE_EXPORTS,
          () ->
              Workflow.newActivityStub(
                      ExportCleanupActivities.class,
                      summary(
                          DeletionActivityOptions.EXPORT_FILES,
                          "Delete the user's data export files"))
                  .eraseUserExports(new EraseExportsInput(request.userId())),
          deleted -> Map.of("export_files_deleted", deleted));
    }

    // Histories recorded before the sweep purge alone.
    boolean sweep =
        Workflow.getVersion(CACHE_SWEEP, Workflow.DEFAULT_VERSION, 1) > Workflow.DEFAULT_VERSION;
    // After anonymization, so a cache refill racing the purge can only read anonymized rows.
    Promise<CachePurgeResult> cache =
        Async.function(
            () ->
                progress.runOptional(
                    DeletionStep.PURGE_CACHE,
                    sweep ? this::purgeCacheInSweep : this::purgeCacheAlone,
                    CachePurgeResult::skipped,
                    this::cacheCounts));
    Promise<SearchPurgeResult> search =
        Async.function(
            () ->
                progress.runOptional(
                    DeletionStep.PURGE_SEARCH,
                    () -> purgeSearch(content),
                    SearchPurgeResult::skipped,
                    SearchPurgeCounts::of));
    Promise.allOf(cache, search).get();

    return progress.run(DeletionStep.VERIFY, () -> verify(content), VerificationCounts::of);
  }

  private CachePurgeResult purgeCacheAlone() {
    sweptKeysLeft = null;
    return cacheStub().purgeCache(new CachePurgeInput(request.userId()));
  }

  /**
   * Joins the sweeper and waits for its answer within the bound the worker recorded with the join;
   * a sweep that is off, fails, or is late leaves the purge to this deletion alone.
   */
  private CachePurgeResult purgeCacheInSweep() {
    sweptKeysLeft = null;
    sweepOutcome = null;
    long ticket = ++sweepTicket;
    CacheSweepTicket joined;
    try {
      joined =
          Workflow.newActivityStub(
                  CacheSweepJoinActivities.class,
                  summary(DeletionActivityOptions.CACHE_SWEEP_JOIN, "Join the cache sweep"))
              .joinCacheSweep(
                  new CacheSweepJoinInput(request.userId(), ref.workflowId(), ref.runId(), ticket));
    } catch (ActivityFailure e) {
      log.warn("could not join the cache sweep ({}); purging alone", DeletionProgress.describe(e));
      return purgeCacheAlone();
    }
    if (!joined.joined()) {
      return purgeCacheAlone();
    }
    Workflow.setCurrentDetails(
        "Erasing: waiting for the cache sweep (at most " + joined.waitBound() + ").");
    boolean answered = Workflow.await(joined.waitBound(), () -> sweepOutcome != null);
    if (!answered || !sweepOutcome.swept()) {
      log.warn(
          answered
              ? "the cache sweep gave up; purging alone"
              : "no cache sweep answer within the bound; purging alone");
      return purgeCacheAlone();
    }
    sweptKeysLeft = sweepOutcome.keysLeft();
    return new CachePurgeResult(false, sweepOutcome.keysDeleted(), sweepOutcome.scanCalls());
  }

  private Map<String, Long> cacheCounts(CachePurgeResult r) {
    if (sweptKeysLeft == null) {
      return Map.of("keys_deleted", r.keysDeleted(), "scan_calls", r.scanCalls());
    }
    // scan_calls is the batch's: one pass (and its confirmation) shared by sweep_batch_users.
    return Map.of(
        "keys_deleted",
        r.keysDeleted(),
        "scan_calls",
        r.scanCalls(),
        "sweep_batch_users",
        (long) sweepOutcome.batchUsers());
  }

  @Override
  public void cacheSwept(CacheSweepOutcome outcome) {
    if (outcome != null && outcome.ticket() == sweepTicket && sweepOutcome == null) {
      sweepOutcome = outcome;
    }
  }

  @SuppressWarnings("deprecation") // purgeSearch: the path of runs started before content-snapshot
  private SearchPurgeResult purgeSearch(OwnedContent content) {
    if (content == null) {
      return searchStub()
          .purgeSearchFromSnapshot(new SnapshotInput(ref, request.keepPublicTracks()));
    }
    return searchStub()
        .purgeSearch(new SearchPurgeInput(request.userId(), request.keepPublicTracks(), content));
  }

  @SuppressWarnings(
      "deprecation") // verifyErasure: the path of runs started before content-snapshot
  private VerificationReport verify(OwnedContent content) {
    VerificationActivities stub =
        Workflow.newActivityStub(
            VerificationActivities.class,
            summary(DeletionActivityOptions.VERIFY, "Re-read every store for what is left"));
    if (content == null && sweptKeysLeft != null) {
      return stub.verifyErasureAfterCacheSweep(
          new SweptSnapshotInput(ref, request.keepPublicTracks(), sweptKeysLeft));
    }
    if (content == null) {
      return stub.verifyErasureFromSnapshot(new SnapshotInput(ref, request.keepPublicTracks()));
    }
    return stub.verifyErasure(
        new VerifyInput(request.userId(), request.keepPublicTracks(), content));
  }

  /**
   * Data left behind after a pass (a cache refill racing the purge, a document indexed late) parks
   * the deletion for an operator; the retry runs the whole pass again. A receipt is only written
   * for a clean verification, or for a store that is not configured.
   */
  private VerificationReport eraseAndVerify(OwnedContent content) {
    while (true) {
      VerificationReport verification = erasePass(content);
      if (verification.clean()) {
        return verification;
      }
      progress.awaitOperatorRetry(
          DeletionStep.VERIFY, "DATA_LEFT: " + VerificationCounts.of(verification));
    }
  }

  @Override
  public DeletionStatus status() {
    return new DeletionStatus(
        request.userId(),
        progress.phase(),
        request.keepPublicTracks(),
        request.requestedAt(),
        request.scheduledFor(),
        progress.steps(),
        receipt);
  }

  @Override
  public void validateRecover() {
    DeletionPhase phase = progress.phase();
    if (phase == DeletionPhase.RECOVERED) {
      throw DeletionRefusal.ALREADY_RECOVERED.rejection("already recovered");
    }
    boolean parkedBeforeErasure =
        recoveryVersion >= 1 && phase == DeletionPhase.NEEDS_ATTENTION && erasureStartedAt == null;
    if (phase != DeletionPhase.SCHEDULED && !parkedBeforeErasure) {
      throw DeletionRefusal.ERASURE_STARTED.rejection(
          "erasure has started; the account can no longer be recovered");
    }
  }

  @Override
  public DeletionStatus recover() {
    recoverRequested = true;
    Workflow.await(() -> progress.phase() == DeletionPhase.RECOVERED);
    return status();
  }

  @Override
  public void validateRetry() {
    if (progress.phase() != DeletionPhase.NEEDS_ATTENTION) {
      throw DeletionRefusal.NOT_NEEDS_ATTENTION.rejection(
          "only a deletion in NEEDS_ATTENTION can be retried; it is " + progress.phase());
    }
  }

  @Override
  public DeletionStatus retry() {
    progress.retryFailedSteps();
    return status();
  }

  @Override
  public void retrySignal() {
    if (progress.phase() == DeletionPhase.NEEDS_ATTENTION) {
      progress.retryFailedSteps();
    }
  }

  private DeletionReceipt detached(io.temporal.workflow.Functions.Func<DeletionReceipt> body) {
    DeletionReceipt[] result = new DeletionReceipt[1];
    Workflow.newDetachedCancellationScope(
            () -> {
              result[0] = body.apply();
              // No Update may be cut off by the workflow returning (e.g. a recover waiting for
              // RECOVERED).
              Workflow.await(Workflow::isEveryHandlerFinished);
            })
        .run();
    return result[0];
  }

  /**
   * Tells the ledger row of a phase change. RECOVERED and COMPLETED are written by restoreAccount
   * and recordReceipt, in the same transaction as their change; the first SCHEDULED by
   * markPendingDeletion, which opens the row.
   */
  private void recordPhase(DeletionPhase phase) {
    if (ref == null || phase.isFinal()) {
      return;
    }
    if (!orderedPhaseWrites) {
      if (phase == DeletionPhase.ERASING || phase == DeletionPhase.NEEDS_ATTENTION) {
        recordPhaseBestEffort(phase);
      }
      return;
    }
    // Until MARK_PENDING succeeds there is no row to move, and a write retried until it lands
    // could land on the row MARK_PENDING opens later, over its SCHEDULED.
    if (progress.steps().get(DeletionStep.MARK_PENDING).state() != StepState.SUCCEEDED) {
      return;
    }
    PhaseChange change = new PhaseChange(ref, phase, ++phaseWrites, now());
    // Detached: a cancellation (which may be a recovery) must not drop a write on its way.
    Workflow.newDetachedCancellationScope(
            () ->
                Async.procedure(
                        Workflow.newActivityStub(
                                LedgerActivities.class,
                                summary(
                                    DeletionActivityOptions.PHASE_WRITES, "Ledger: phase " + phase))
                            ::recordPhase,
                        change)
                    .exceptionally(
                        failure -> {
                          log.warn(
                              "ledger phase write #{} ({}) refused: {}",
                              change.sequence(),
                              phase,
                              failure instanceof ActivityFailure a
                                  ? DeletionProgress.describe(a)
                                  : failure.getClass().getSimpleName());
                          return null;
                        }))
        .run();
  }

  /** The synchronous write of runs started before {@link #ORDERED_PHASE_WRITES}. */
  private void recordPhaseBestEffort(DeletionPhase phase) {
    try {
      ledger("Ledger: phase " + phase).recordPhase(new PhaseChange(ref, phase, 0, now()));
    } catch (ActivityFailure e) {
      // The ledger is caught up by the next phase change and the receipt; the search attribute is
      // live.
      log.warn("could not record phase {} in the ledger: {}", phase, DeletionProgress.describe(e));
    }
  }

  private DeletionReceipt receipt(DeletionPhase outcome, VerificationReport verification) {
    return new DeletionReceipt(
        request.userId(),
        outcome,
        request.keepPublicTracks(),
        request.requestedAt(),
        request.scheduledFor(),
        erasureStartedAt,
        now(),
        progress.steps(),
        verification);
  }

  private AccountActivities account(String summary) {
    return Workflow.newActivityStub(
        AccountActivities.class, summary(DeletionActivityOptions.POSTGRES, summary));
  }

  private NotificationActivities notifications(String summary) {
    return Workflow.newActivityStub(
        NotificationActivities.class, summary(DeletionActivityOptions.NOTIFY, summary));
  }

  private LedgerActivities ledger(String summary) {
    return Workflow.newActivityStub(
        LedgerActivities.class, summary(DeletionActivityOptions.POSTGRES, summary));
  }

  private CacheActivities cacheStub() {
    return Workflow.newActivityStub(
        CacheActivities.class,
        summary(DeletionActivityOptions.REDIS, "Purge Redis keys (SCAN + UNLINK)"));
  }

  private SearchActivities searchStub() {
    return Workflow.newActivityStub(
        SearchActivities.class,
        summary(
            DeletionActivityOptions.SEARCH,
            "Delete Elasticsearch docs (users, tracks, playlists)"));
  }

  private static ActivityOptions summary(ActivityOptions base, String summary) {
    return ActivityOptions.newBuilder(base).setSummary(summary).build();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private static void validate(DeletionRequest request) {
    if (request == null
        || request.requestedAt() == null
        || request.recoveryWindow() == null
        || request.recoveryWindow().isNegative()) {
      throw ErasureErrors.INVALID_INPUT.failure(
          "request, requestedAt and a non-negative recoveryWindow are required");
    }
    String canonical = UserIds.parse(request.userId()).toString();
    if (!Workflow.getInfo().getWorkflowId().equals(AccountDeletionWorkflow.workflowId(canonical))) {
      // One workflow per account: the id is the lock that makes a second request join the first.
      throw ApplicationFailure.newNonRetryableFailure(
          "workflow id must be " + AccountDeletionWorkflow.workflowId(canonical),
          ErasureErrors.INVALID_INPUT.name());
    }
  }
}
