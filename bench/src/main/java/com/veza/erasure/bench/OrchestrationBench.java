package com.veza.erasure.bench;

import com.veza.erasure.activities.coverage.CoverageCheck;
import com.veza.erasure.activities.coverage.CoverageGate;
import com.veza.erasure.activities.deletion.CacheSweepSettings;
import com.veza.erasure.activities.erasuremap.ErasureMaps;
import com.veza.erasure.activities.notify.NotificationSettings;
import com.veza.erasure.activities.references.ReferenceSettings;
import com.veza.erasure.common.TaskQueues;
import com.veza.erasure.deletion.AccountActivities;
import com.veza.erasure.deletion.AnonymizeInput;
import com.veza.erasure.deletion.CacheActivities;
import com.veza.erasure.deletion.CachePurgeInput;
import com.veza.erasure.deletion.DeletionPhase;
import com.veza.erasure.deletion.DeletionReceipt;
import com.veza.erasure.deletion.DeletionRequest;
import com.veza.erasure.deletion.DeletionSearchAttributes;
import com.veza.erasure.deletion.DeletionWorkflowStarter;
import com.veza.erasure.deletion.LedgerActivities;
import com.veza.erasure.deletion.LedgerRef;
import com.veza.erasure.deletion.MarkPendingInput;
import com.veza.erasure.deletion.ReceiptRecord;
import com.veza.erasure.deletion.ReferenceActivities;
import com.veza.erasure.deletion.SearchActivities;
import com.veza.erasure.deletion.SnapshotInput;
import com.veza.erasure.deletion.VerificationActivities;
import com.veza.erasure.deletion.VerificationReport;
import com.veza.erasure.export.EraseExportsInput;
import com.veza.erasure.export.ExportCleanupActivities;
import com.veza.erasure.worker.deletion.DeletionWorker;
import com.veza.erasure.worker.deletion.DeletionWorkerSettings;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * R3: the cost of orchestration. The same number of accounts erased twice, on the same stores: once
 * as deletion workflows with a zero recovery window through a worker (the baseline is the other way
 * round: the activities called directly, in as many threads as the worker's database pool has
 * connections).
 */
final class OrchestrationBench {

  private static final ActivityOptions DIRECT =
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(10)).build();

  /**
   * Activities in flight at once, on both sides: the worker's activity slots and the direct
   * threads. Below the SDK's default of 200, which would mostly wait for the Elasticsearch client's
   * connections (10 per host).
   */
  private static final int CONCURRENCY = 32;

  private static final int DIRECT_ATTEMPTS = 5;
  private static final int ROUNDS = 4;

  private final int deletions;
  private final int threads;

  OrchestrationBench(BenchArgs args) {
    this.deletions = args.integer("deletions", 1_000);
    this.threads = args.integer("concurrency", CONCURRENCY);
    args.requireAllRead();
  }

  BenchResult run() throws Exception {
    try (BenchStores stores = BenchStores.start()) {
      long seedStart = System.nanoTime();
      int warmUp = Math.max(threads, deletions / 20);
      List<UUID> direct = BenchUsers.seed(stores, deletions + warmUp);
      List<UUID> workflows = BenchUsers.seed(stores, deletions + warmUp);
      Bench.progress(
          "seeded %,d accounts in %s",
          direct.size() + workflows.size(), Samples.seconds(System.nanoTime() - seedStart));

      List<DirectSteps> steps = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        steps.add(new DirectSteps(stores.activities()));
      }
      long directNanos = 0;
      long workflowNanos = 0;
      try (TestWorkflowEnvironment env = startWorker(stores)) {
        DeletionWorkflowStarter starter = new DeletionWorkflowStarter(env.getWorkflowClient());
        // Both warmed up (JIT, connections, caches) on accounts of their own before the clock runs.
        direct(steps, direct.subList(0, warmUp));
        runWorkflows(starter, workflows.subList(0, warmUp));
        // Interleaved rounds, alternating which goes first: a machine whose load drifts during
        // the run weighs on both sides alike.
        int rounds = Math.min(ROUNDS, deletions);
        for (int round = 0; round < rounds; round++) {
          int from = warmUp + deletions * round / rounds;
          int to = warmUp + deletions * (round + 1) / rounds;
          List<UUID> directRound = direct.subList(from, to);
          List<UUID> workflowRound = workflows.subList(from, to);
          if (round % 2 == 0) {
            directNanos += direct(steps, directRound);
            workflowNanos += runWorkflows(starter, workflowRound);
          } else {
            workflowNanos += runWorkflows(starter, workflowRound);
            directNanos += direct(steps, directRound);
          }
          Bench.progress(
              "round %d/%d: direct %s, workflows %s (%d direct calls tried again)",
              round + 1,
              rounds,
              Samples.seconds(directNanos),
              Samples.seconds(workflowNanos),
              RETRIES.get());
        }
      }

      long erased =
          stores.jdbi.withHandle(
              h ->
                  h.createQuery("SELECT count(*) FROM users WHERE anonymized_at IS NOT NULL")
                      .mapTo(Long.class)
                      .one());
      if (erased != direct.size() + workflows.size()) {
        throw new IllegalStateException(
            erased + " accounts anonymized of " + (direct.size() + workflows.size()));
      }
      return new BenchResult(
          "R3 — orchestration: deletions through the workers",
          String.format(
              Locale.ROOT,
              "%,d accounts (each: profile, %d tracks, 2 playlists, playback history, sessions, 3"
                  + " Redis keys, %d search docs) erased with a zero recovery window as deletion"
                  + " workflows through one worker (every activity as registered by the"
                  + " worker-app, %d activity slots, Temporal's test server in process), against"
                  + " %,d other such accounts erased by calling the same activities directly in %d"
                  + " threads, the worker's activity slots (Temporal's TestActivityEnvironment supplies the activity context;"
                  + " MARK_PENDING, COLLECT, THIRD_PARTY_REFERENCES (counted), ANONYMIZE, ERASE_EXPORTS, PURGE_CACHE and PURGE_SEARCH in"
                  + " parallel, VERIFY, RECORD_RECEIPT in order, without the workflow's ledger phase writes)."
                  + " Real PostgreSQL (pool of %d), Redis and Elasticsearch; every account is"
                  + " checked anonymized afterwards.",
              deletions,
              BenchUsers.TRACKS,
              BenchUsers.TRACKS + 3,
              threads,
              deletions,
              threads,
              BenchStores.POOL_SIZE),
          List.of("variant", "wall time", "deletions/s", "time vs baseline"),
          List.of(
              List.of(
                  "activities called directly (baseline)",
                  Samples.seconds(directNanos),
                  perSecond(deletions, directNanos),
                  Samples.ratio(1.0)),
              List.of(
                  "deletion workflows through the worker",
                  Samples.seconds(workflowNanos),
                  perSecond(deletions, workflowNanos),
                  Samples.ratio((double) workflowNanos / directNanos))),
          String.format(
              Locale.ROOT,
              "Durable orchestration (timers, retries, history, the ledger's phase writes) costs"
                  + " %s the wall time of the bare activity calls for the same work.",
              Samples.ratio((double) workflowNanos / directNanos)));
    }
  }

  private TestWorkflowEnvironment startWorker(BenchStores stores) {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    DeletionSearchAttributes.DEFINITIONS.forEach(env::registerSearchAttribute);
    Worker worker =
        env.newWorker(
            TaskQueues.ERASURE,
            WorkerOptions.newBuilder().setMaxConcurrentActivityExecutionSize(threads).build());
    DeletionWorker.register(
        worker,
        stores.jdbi,
        Clock.systemUTC(),
        stores.redis,
        new com.veza.erasure.activities.deletion.SearchIndexPurger(
            stores.searchClient, stores.search),
        new com.veza.erasure.activities.export.LocalDirectoryExportStorage(stores.exports),
        ErasureMaps.reference(stores.jdbi),
        new CoverageGate(CoverageCheck.reference(stores.jdbi)),
        new DeletionWorkerSettings(),
        ReferenceSettings.COUNT_ONLY,
        NotificationSettings.OFF,
        CacheSweepSettings.disabled());
    env.start();
    return env;
  }

  /** Starts a deletion per user and waits for every one to complete; returns the wall time. */
  private static long runWorkflows(DeletionWorkflowStarter starter, List<UUID> users)
      throws Exception {
    long start = System.nanoTime();
    for (UUID user : users) {
      starter.start(
          new DeletionRequest(user.toString(), false, "user", Instant.now(), Duration.ZERO));
    }
    List<CompletableFuture<DeletionReceipt>> results = new ArrayList<>();
    for (UUID user : users) {
      results.add(starter.untyped(user.toString()).getResultAsync(DeletionReceipt.class));
    }
    for (CompletableFuture<DeletionReceipt> result : results) {
      DeletionReceipt receipt = result.get();
      if (receipt.outcome() != DeletionPhase.COMPLETED) {
        throw new IllegalStateException("a deletion ended " + receipt.outcome());
      }
    }
    return System.nanoTime() - start;
  }

  /** Erases {@code users} in as many threads as there are step sets, each thread its own. */
  private static long direct(List<DirectSteps> steps, List<UUID> users) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(steps.size());
    BlockingQueue<DirectSteps> idle = new LinkedBlockingQueue<>(steps);
    try {
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (UUID user : users) {
        done.add(
            pool.submit(
                () -> {
                  DirectSteps mine = idle.take();
                  try {
                    mine.erase(user);
                  } finally {
                    idle.add(mine);
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      return System.nanoTime() - start;
    } finally {
      pool.shutdownNow();
    }
  }

  private static final java.util.concurrent.atomic.AtomicLong RETRIES =
      new java.util.concurrent.atomic.AtomicLong();

  private static String perSecond(int count, long nanos) {
    return String.format(Locale.ROOT, "%.1f", count / (nanos / 1e9));
  }

  /** The workflow's steps for one account, each a direct activity call. */
  private static final class DirectSteps {
    private final AccountActivities account;
    private final ExportCleanupActivities exports;
    private final CacheActivities cache;
    private final SearchActivities search;
    private final VerificationActivities verification;
    private final LedgerActivities ledger;
    private final ReferenceActivities references;

    DirectSteps(List<Object> activities) {
      TestActivityEnvironment env = TestActivityEnvironment.newInstance();
      env.registerActivitiesImplementations(activities.toArray());
      account = env.newActivityStub(AccountActivities.class, DIRECT);
      exports = env.newActivityStub(ExportCleanupActivities.class, DIRECT);
      cache = env.newActivityStub(CacheActivities.class, DIRECT);
      search = env.newActivityStub(SearchActivities.class, DIRECT);
      verification = env.newActivityStub(VerificationActivities.class, DIRECT);
      ledger = env.newActivityStub(LedgerActivities.class, DIRECT);
      references = env.newActivityStub(ReferenceActivities.class, DIRECT);
    }

    /** A failed call is tried again, as the workflow's retry policy would (without backoff). */
    private <T> T attempt(java.util.function.Supplier<T> call) {
      for (int attempt = 1; ; attempt++) {
        try {
          return call.get();
        } catch (io.temporal.failure.ActivityFailure e) {
          if (attempt == DIRECT_ATTEMPTS) {
            throw e;
          }
          RETRIES.incrementAndGet();
        }
      }
    }

    void erase(UUID user) {
      String id = user.toString();
      LedgerRef ref = new LedgerRef(id, "bench-direct-" + id, UUID.randomUUID().toString());
      Instant now = Instant.now();
      attempt(
          () -> account.markPendingDeletion(new MarkPendingInput(ref, false, "user", now, now)));
      attempt(() -> account.snapshotOwnedContent(ref));
      attempt(() -> references.findThirdPartyReferences(ref));
      Instant erasureStarted = Instant.now();
      attempt(() -> account.anonymizeAccount(new AnonymizeInput(ref, false, null)));
      attempt(() -> exports.eraseUserExports(new EraseExportsInput(id)));
      // In parallel, as the workflow runs them.
      CompletableFuture<?> cachePurge =
          CompletableFuture.runAsync(
              () -> attempt(() -> cache.purgeCache(new CachePurgeInput(id))));
      attempt(() -> search.purgeSearchFromSnapshot(new SnapshotInput(ref, false)));
      cachePurge.join();
      VerificationReport report =
          attempt(() -> verification.verifyErasureFromSnapshot(new SnapshotInput(ref, false)));
      if (!report.clean()) {
        throw new IllegalStateException("data left after a direct erasure: " + report);
      }
      ReceiptRecord record =
          new ReceiptRecord(
              ref,
              new DeletionReceipt(
                  id,
                  DeletionPhase.COMPLETED,
                  false,
                  now,
                  now,
                  erasureStarted,
                  Instant.now(),
                  Map.of(),
                  report));
      attempt(
          () -> {
            ledger.recordReceipt(record);
            return null;
          });
    }
  }
}
