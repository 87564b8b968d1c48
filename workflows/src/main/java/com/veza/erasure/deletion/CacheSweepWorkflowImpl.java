package com.veza.erasure.deletion;

import io.temporal.activity.ActivityOptions;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ExternalWorkflowStub;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Collects joins for a batch window (or until a batch is full), sweeps the batch's users in one
 * activity, answers each join with its own counts, and continues as new before its history grows
 * large. A join that arrives while a pass runs waits for the next pass: a pass only ever answers
 * the joins it started with.
 */
public class CacheSweepWorkflowImpl implements CacheSweepWorkflow {

  private static final Logger log = Workflow.getLogger(CacheSweepWorkflowImpl.class);

  /**
   * A pass of 1,000 joins adds about 3,000 events (their signals in, the answers out); past this
   * the run continues as new, far below the 50k-event and 50 MB limits of a Temporal server.
   */
  static final long CONTINUE_AS_NEW_AFTER_EVENTS = 10_000;

  /**
   * An idle sweeper continues as new this often, so no run ever reaches a run or execution timeout
   * (a test server's default is ten years, which its time skipping reaches at once).
   */
  static final Duration IDLE_CONTINUE_AS_NEW_AFTER = Duration.ofDays(1);

  /** Until the first join says otherwise (joins carry the worker's configured values). */
  static final Duration DEFAULT_BATCH_WINDOW = Duration.ofSeconds(30);

  static final int DEFAULT_MAX_BATCH_SIZE = 1_000;

  private final Map<String, CacheSweepJoin> pending = new LinkedHashMap<>();
  private List<CacheSweepJoin> sweeping = List.of();
  private Duration batchWindow = DEFAULT_BATCH_WINDOW;
  private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
  private long passes;
  private long continueAsNewAfterEvents = CONTINUE_AS_NEW_AFTER_EVENTS;

  @Override
  public void sweep(CacheSweepCarry carry) {
    if (carry != null) {
      passes = carry.passes();
      if (carry.continueAsNewAfterEvents() > 0) {
        continueAsNewAfterEvents = carry.continueAsNewAfterEvents();
      }
      if (carry.pending() != null) {
        carry.pending().forEach(this::join);
      }
    }
    CacheSweepActivities activities =
        Workflow.newActivityStub(
            CacheSweepActivities.class,
            ActivityOptions.newBuilder(DeletionActivityOptions.CACHE_SWEEP)
                .setSummary("One SCAN pass for the batch, UNLINK, one confirming pass")
                .build());
    while (true) {
      if (!Workflow.await(IDLE_CONTINUE_AS_NEW_AFTER, () -> !pending.isEmpty())) {
        // Idle for a day: a fresh run. A join racing the close is kept by Temporal (the close is
        // refused while a signal is unhandled), where a run timeout would drop it.
        Workflow.continueAsNew(
            new CacheSweepCarry(List.copyOf(pending.values()), passes, continueAsNewAfterEvents));
      }
      // The window starts with the first join: a lone deletion waits at most this long.
      Workflow.await(batchWindow, () -> pending.size() >= maxBatchSize);
      sweeping = takeBatch();
      CacheSweepResult result = sweepBatch(activities, sweeping);
      passes++;
      answer(sweeping, result);
      sweeping = List.of();
      if (Workflow.getInfo().isContinueAsNewSuggested()
          || Workflow.getInfo().getHistoryLength() > continueAsNewAfterEvents) {
        // Joins that arrive meanwhile land in pending before the run closes, and go with it.
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(
            new CacheSweepCarry(List.copyOf(pending.values()), passes, continueAsNewAfterEvents));
      }
    }
  }

  @Override
  public void join(CacheSweepJoin join) {
    if (join == null || join.userId() == null || join.workflowId() == null) {
      return;
    }
    if (join.batchWindow() != null && !join.batchWindow().isNegative()) {
      batchWindow = join.batchWindow();
    }
    if (join.maxBatchSize() > 0) {
      maxBatchSize = join.maxBatchSize();
    }
    pending.putIfAbsent(join.key(), join);
  }

  @Override
  public CacheSweepStatus status() {
    return new CacheSweepStatus(pending.size(), sweeping.size(), passes);
  }

  private List<CacheSweepJoin> takeBatch() {
    List<CacheSweepJoin> batch = new ArrayList<>();
    var it = pending.values().iterator();
    while (it.hasNext() && batch.size() < maxBatchSize) {
      batch.add(it.next());
      it.remove();
    }
    return List.copyOf(batch);
  }

  /** Null when the sweep gave up: every join of the batch then purges alone. */
  private static CacheSweepResult sweepBatch(
      CacheSweepActivities activities, List<CacheSweepJoin> batch) {
    Set<String> users = new LinkedHashSet<>();
    batch.forEach(j -> users.add(j.userId()));
    try {
      return activities.sweepCacheBatch(new CacheSweepBatch(List.copyOf(users)));
    } catch (ActivityFailure e) {
      log.warn(
          "cache sweep of {} users gave up ({}); their deletions purge alone",
          users.size(),
          DeletionProgress.describe(e));
      return null;
    }
  }

  private static void answer(List<CacheSweepJoin> batch, CacheSweepResult result) {
    Map<String, CacheSweepUserCounts> byUser = new LinkedHashMap<>();
    if (result != null) {
      result.users().forEach(u -> byUser.put(u.userId(), u));
    }
    int batchUsers = (int) batch.stream().map(CacheSweepJoin::userId).distinct().count();
    List<Promise<Void>> sent = new ArrayList<>(batch.size());
    for (CacheSweepJoin join : batch) {
      CacheSweepUserCounts counts = byUser.get(join.userId());
      CacheSweepOutcome outcome =
          counts == null
              ? CacheSweepOutcome.failed(join.ticket(), batchUsers)
              : new CacheSweepOutcome(
                  join.ticket(),
                  true,
                  counts.keysDeleted(),
                  counts.keysLeft(),
                  result.scanCalls(),
                  batchUsers);
      WorkflowExecution deletion =
          WorkflowExecution.newBuilder()
              .setWorkflowId(join.workflowId())
              .setRunId(join.runId() == null ? "" : join.runId())
              .build();
      ExternalWorkflowStub stub = Workflow.newUntypedExternalWorkflowStub(deletion);
      // In parallel: a batch of a thousand answers takes one round of signals, not a thousand.
      sent.add(
          Async.procedure(
                  stub::signal, AccountDeletionWorkflow.CACHE_SWEPT_SIGNAL, new Object[] {outcome})
              // A deletion that stopped waiting (it purged alone and finished) is not an error.
              .exceptionally(
                  failure -> {
                    log.info(
                        "deletion {} not answered: {}",
                        join.workflowId(),
                        failure.getClass().getSimpleName());
                    return null;
                  }));
    }
    Promise.allOf(sent).get();
  }
}
