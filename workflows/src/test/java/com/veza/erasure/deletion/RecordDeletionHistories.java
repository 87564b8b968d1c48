package com.veza.erasure.deletion;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Records the histories the replay test guards. Run it only when a released workflow version is
 * frozen, never to "fix" a failing replay test (that failure is a non-determinism to version):
 *
 * <pre>mvn -pl workflows test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.veza.erasure.deletion.RecordDeletionHistories -Dexec.args=v1</pre>
 */
public final class RecordDeletionHistories {

  public static void main(String[] args) throws IOException {
    String version = args.length > 0 ? args[0] : "v1";
    Path dir = Path.of("workflows/src/test/resources/histories");
    Files.createDirectories(dir);
    record(dir.resolve("deletion-" + version + "-completed.json"), Scenario.COMPLETED);
    record(dir.resolve("deletion-" + version + "-recovered.json"), Scenario.RECOVERED);
    record(dir.resolve("deletion-" + version + "-needs-attention-retried.json"), Scenario.RETRIED);
  }

  enum Scenario {
    COMPLETED,
    RECOVERED,
    RETRIED
  }

  private static void record(Path file, Scenario scenario) throws IOException {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      DeletionSearchAttributes.DEFINITIONS.forEach(env::registerSearchAttribute);
      Worker worker = env.newWorker("erasure");
      worker.registerWorkflowImplementationTypes(
          DeletionActivityOptions.withGiveUpAfter(Duration.ofMinutes(2)),
          AccountDeletionWorkflowImpl.class);
      ScriptedActivities activities = new ScriptedActivities();
      worker.registerActivitiesImplementations(activities);
      env.start();
      DeletionWorkflowStarter starter = new DeletionWorkflowStarter(env.getWorkflowClient());
      String userId = UUID.randomUUID().toString();
      if (scenario == Scenario.RETRIED) {
        activities.failNext("purgeCache", Integer.MAX_VALUE);
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
        case COMPLETED -> env.sleep(Duration.ofDays(31));
      }
      starter.untyped(userId).getResult(DeletionReceipt.class);
      WorkflowExecutionHistory history =
          env.getWorkflowClient().fetchHistory(AccountDeletionWorkflow.workflowId(userId));
      Files.writeString(file, history.toJson(true));
      System.out.println("recorded " + file + " (" + history.getEvents().size() + " events)");
    }
  }
}
