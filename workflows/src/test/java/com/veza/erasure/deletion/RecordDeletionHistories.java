package com.veza.erasure.deletion;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowFailedException;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * Records the histories the replay test guards. Run it only when a released workflow version is
 * frozen, never to "fix" a failing replay test (that failure is a non-determinism to version):
 *
 * <pre>mvn -pl workflows test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.veza.erasure.deletion.RecordDeletionHistories -Dexec.args=v3</pre>
 */
public final class RecordDeletionHistories {

  public static void main(String[] args) throws IOException {
    String version = args.length > 0 ? args[0] : "v1";
    Path dir = Path.of("workflows/src/test/resources/histories");
    Files.createDirectories(dir);
    int number = Integer.parseInt(version.substring(1));
    for (Scenario scenario : Scenario.values()) {
      if (scenario.since > number) {
        continue;
      }
      record(dir.resolve("deletion-" + version + "-" + scenario.file + ".json"), scenario);
    }
  }

  /** The file-name part of every scenario the recorder records. */
  static List<String> scenarioNames() {
    return java.util.Arrays.stream(Scenario.values()).map(s -> s.file).toList();
  }

  /** The file-name part of every scenario recorded since version {@code v} at the latest. */
  static List<String> scenarioNamesUpTo(int v) {
    return java.util.Arrays.stream(Scenario.values())
        .filter(s -> s.since <= v)
        .map(s -> s.file)
        .toList();
  }

  /** The scenarios recorded since the cache sweep (v10), absent from earlier versions. */
  static List<String> cacheSweepScenarioNames() {
    return List.of(Scenario.CACHE_SWEEP_TOO_LATE.file);
  }

  enum Scenario {
    COMPLETED("completed"),
    RECOVERED("recovered"),
    RETRIED("needs-attention-retried"),
    /** Since v3: the cancel waits for the soft-delete to finish, then restores. */
    CANCELLED_DURING_MARK_PENDING("cancelled-during-mark-pending"),
    /** Since v3: MARK_PENDING parked in NEEDS_ATTENTION, then the user recovers. */
    RECOVERED_WHILE_PARKED("recovered-while-parked"),
    /** Cancelled from outside while anonymization is being retried: erasure still finishes. */
    CANCELLED_WHILE_ERASING("cancelled-while-erasing"),
    /** The ledger's phase writes fail for half an hour while the deletion parks, then land. */
    PHASE_WRITES_DURING_OUTAGE("phase-writes-during-outage"),
    /** Since v12: the SMTP relay is down; both notices give up and the outbox row is deleted. */
    NOTICES_GIVEN_UP("notices-given-up", 12),
    /** Since v10: the sweep answers after the wait bound; the deletion has purged alone. */
    CACHE_SWEEP_TOO_LATE("cache-sweep-too-late", 10);

    final String file;

    /** The first history version recorded with this scenario. */
    final int since;

    Scenario(String file) {
      this(file, 1);
    }

    Scenario(String file, int since) {
      this.file = file;
      this.since = since;
    }
  }

  private static void record(Path file, Scenario scenario) throws IOException {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      DeletionSearchAttributes.DEFINITIONS.forEach(env::registerSearchAttribute);
      Worker worker = env.newWorker("erasure");
      worker.registerWorkflowImplementationTypes(
          DeletionActivityOptions.withGiveUpAfter(Duration.ofMinutes(2)),
          AccountDeletionWorkflowImpl.class);
      worker.registerWorkflowImplementationTypes(CacheSweepWorkflowImpl.class);
      ScriptedActivities activities = new ScriptedActivities();
      // Since v10 the cache purge goes through the sweep, as with cacheSweep.enabled.
      activities.sweepEnabled = true;
      worker.registerActivitiesImplementations(activities);
      env.start();
      DeletionWorkflowStarter starter = new DeletionWorkflowStarter(env.getWorkflowClient());
      String userId = UUID.randomUUID().toString();
      switch (scenario) {
        case RETRIED -> {
          // The sweep gives up, the purge alone fails too: parked until the operator's retry.
          activities.failNext("sweepCacheBatch", Integer.MAX_VALUE);
          activities.failNext("purgeCache", Integer.MAX_VALUE);
        }
        case CACHE_SWEEP_TOO_LATE -> {
          activities.holdSweep = new CountDownLatch(1);
          activities.sweepWaitBound = Duration.ofSeconds(2);
          activities.sweepBatchWindow = Duration.ZERO;
        }
        case RECOVERED_WHILE_PARKED ->
            activities.failNext("markPendingDeletion", Integer.MAX_VALUE);
        case CANCELLED_DURING_MARK_PENDING -> activities.holdMarkPending = new CountDownLatch(1);
        case CANCELLED_WHILE_ERASING -> activities.failNext("anonymizeAccount", 5);
        case NOTICES_GIVEN_UP -> {
          activities.failNext("notifyScheduled", Integer.MAX_VALUE);
          activities.failNext("notifyCompleted", Integer.MAX_VALUE);
        }
        case PHASE_WRITES_DURING_OUTAGE -> {
          activities.failNext("anonymizeAccount", Integer.MAX_VALUE);
          activities.failNext("recordPhase:ERASING", 30);
          activities.failNext("recordPhase:NEEDS_ATTENTION", 30);
        }
        default -> {
          // no failure
        }
      }
      starter.start(
          new DeletionRequest(
              userId,
              true,
              "user",
              Instant.ofEpochMilli(env.currentTimeMillis()),
              DeletionRequest.DEFAULT_RECOVERY_WINDOW));
      switch (scenario) {
        case RECOVERED -> {
          env.sleep(Duration.ofDays(3));
          starter.existing(userId).recover();
        }
        case RETRIED -> {
          env.sleep(Duration.ofDays(31));
          activities.failures.clear();
          starter.existing(userId).retry();
        }
        case COMPLETED, NOTICES_GIVEN_UP -> env.sleep(Duration.ofDays(31));
        case RECOVERED_WHILE_PARKED -> {
          env.sleep(Duration.ofMinutes(10));
          activities.failures.clear();
          starter.existing(userId).recover();
        }
        case CANCELLED_DURING_MARK_PENDING -> {
          awaitUninterruptibly(activities.markPendingStarted);
          starter.untyped(userId).cancel();
          // Let the workflow see the cancel while the soft-delete still runs.
          while (!cancelSeen(env, userId)) {
            sleepBriefly();
          }
          activities.holdMarkPending.countDown();
        }
        case CANCELLED_WHILE_ERASING -> {
          env.sleep(Duration.ofDays(30).plusSeconds(2));
          starter.untyped(userId).cancel();
        }
        case PHASE_WRITES_DURING_OUTAGE -> {
          env.sleep(Duration.ofDays(30).plusHours(1));
          activities.failures.clear();
          starter.existing(userId).retry();
        }
        case CACHE_SWEEP_TOO_LATE -> {
          // Server time stops while the held sweep runs: sleep only to the end of the window.
          env.sleep(DeletionRequest.DEFAULT_RECOVERY_WINDOW.plusSeconds(1));
          awaitUninterruptibly(activities.sweepStarted);
          // The deletion's bound runs out while the sweep holds: it purges alone and finishes.
          starter.untyped(userId).getResult(DeletionReceipt.class);
          activities.holdSweep.countDown();
        }
      }
      try {
        starter.untyped(userId).getResult(DeletionReceipt.class);
      } catch (WorkflowFailedException e) {
        if (scenario != Scenario.CANCELLED_DURING_MARK_PENDING
            && scenario != Scenario.CANCELLED_WHILE_ERASING) {
          throw e;
        }
      }
      WorkflowExecutionHistory history =
          env.getWorkflowClient().fetchHistory(AccountDeletionWorkflow.workflowId(userId));
      Files.writeString(file, history.toJson(true));
      System.out.println("recorded " + file + " (" + history.getEvents().size() + " events)");
    }
  }

  /** A workflow task completed after the cancel request: the workflow has seen it. */
  private static boolean cancelSeen(TestWorkflowEnvironment env, String userId) {
    List<EventType> types =
        env
            .getWorkflowClient()
            .fetchHistory(AccountDeletionWorkflow.workflowId(userId))
            .getEvents()
            .stream()
            .map(HistoryEvent::getEventType)
            .toList();
    int cancel = types.indexOf(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED);
    return cancel >= 0
        && types
            .subList(cancel, types.size())
            .contains(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
  }

  private static void awaitUninterruptibly(java.util.concurrent.Semaphore started) {
    try {
      started.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
