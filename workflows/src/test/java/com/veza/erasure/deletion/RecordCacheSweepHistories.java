package com.veza.erasure.deletion;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Records the sweeper's histories {@code CacheSweepReplayTest} guards, as {@code
 * cache-sweep-<version>-<scenario>.json}; run like RecordDeletionHistories, with {@code v1} for the
 * first released sweeper.
 */
public final class RecordCacheSweepHistories {

  enum Scenario {
    /** Three deletions in one pass, a fourth joining while it runs and served by the next. */
    BATCHES("batches"),
    /** The sweep fails until it gives up: every join is answered "not swept". */
    GAVE_UP("gave-up"),
    /** A history bound of one event: the first run continues as new after its first pass. */
    CONTINUED_AS_NEW("continued-as-new");

    final String file;

    Scenario(String file) {
      this.file = file;
    }
  }

  private RecordCacheSweepHistories() {}

  static List<String> scenarioNames() {
    return java.util.Arrays.stream(Scenario.values()).map(s -> s.file).toList();
  }

  public static void main(String[] args) throws Exception {
    String version = args.length > 0 ? args[0] : "v1";
    Path dir = Path.of("workflows/src/test/resources/histories");
    Files.createDirectories(dir);
    for (Scenario scenario : Scenario.values()) {
      record(dir.resolve("cache-sweep-" + version + "-" + scenario.file + ".json"), scenario);
    }
  }

  private static void record(Path file, Scenario scenario) throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      DeletionSearchAttributes.DEFINITIONS.forEach(env::registerSearchAttribute);
      Worker worker = env.newWorker("erasure");
      worker.registerWorkflowImplementationTypes(
          DeletionActivityOptions.withGiveUpAfter(Duration.ofMinutes(2)),
          AccountDeletionWorkflowImpl.class);
      worker.registerWorkflowImplementationTypes(CacheSweepWorkflowImpl.class);
      ScriptedActivities activities = new ScriptedActivities();
      activities.sweepEnabled = true;
      worker.registerActivitiesImplementations(activities);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      DeletionWorkflowStarter starter = new DeletionWorkflowStarter(client);
      WorkflowExecution recorded = null;
      switch (scenario) {
        case BATCHES -> {
          activities.sweepBatchWindow = Duration.ZERO;
          activities.holdSweep = new CountDownLatch(1);
          String first = start(env, starter);
          activities.sweepStarted.tryAcquire(30, TimeUnit.SECONDS);
          String second = start(env, starter);
          String third = start(env, starter);
          Thread.sleep(2000);
          activities.holdSweep.countDown();
          for (String user : List.of(first, second, third)) {
            starter.untyped(user).getResult(DeletionReceipt.class);
          }
        }
        case GAVE_UP -> {
          activities.failNext("sweepCacheBatch", Integer.MAX_VALUE);
          activities.sweepWaitBound = Duration.ofHours(1);
          starter.untyped(start(env, starter)).getResult(DeletionReceipt.class);
        }
        case CONTINUED_AS_NEW -> {
          CacheSweepWorkflow sweeper =
              client.newWorkflowStub(
                  CacheSweepWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(CacheSweepWorkflow.WORKFLOW_ID)
                      .setTaskQueue("erasure")
                      .build());
          recorded = WorkflowClient.start(sweeper::sweep, new CacheSweepCarry(List.of(), 0, 1));
          for (int i = 0; i < 2; i++) {
            starter.untyped(start(env, starter)).getResult(DeletionReceipt.class);
          }
        }
      }
      WorkflowExecutionHistory history =
          recorded == null
              ? client.fetchHistory(CacheSweepWorkflow.WORKFLOW_ID)
              : client.fetchHistory(CacheSweepWorkflow.WORKFLOW_ID, recorded.getRunId());
      Files.writeString(file, history.toJson(true));
      System.out.println("recorded " + file + " (" + history.getEvents().size() + " events)");
    }
  }

  private static String start(TestWorkflowEnvironment env, DeletionWorkflowStarter starter) {
    String user = UUID.randomUUID().toString();
    starter.start(
        new DeletionRequest(
            user, true, "user", Instant.ofEpochMilli(env.currentTimeMillis()), Duration.ZERO));
    return user;
  }
}
