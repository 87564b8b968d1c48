package com.veza.erasure.deletion;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowFailedException;
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
    for (Scenario scenario : Scenario.values()) {
      record(dir.resolve("deletion-" + version + "-" + scenario.file + ".json"), scenario);
    }
  }

  enum Scenario {
    COMPLETED("completed"),
    RECOVERED("recovered"),
    RETRIED("needs-attention-retried"),
    /** Cancelled from outside while anonymization is being retried: erasure still finishes. */
    CANCELLED_WHILE_ERASING("cancelled-while-erasing"),
    /** The ledger's phase writes fail for half an hour while the deletion parks, then land. */
    PHASE_WRITES_DURING_OUTAGE("phase-writes-during-outage");

    final String file;

    Scenario(String file) {
      this.file = file;
    }
  }

  private static void record(Path file, Scenario scenario) throws IOException {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      env.registerSearchAttribute(
          DeletionSearchAttributes.PHASE.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      env.registerSearchAttribute(
          DeletionSearchAttributes.SCHEDULED_FOR.getName(),
          IndexedValueType.INDEXED_VALUE_TYPE_DATETIME);
      Worker worker = env.newWorker("erasure");
      worker.registerWorkflowImplementationTypes(
          DeletionActivityOptions.withGiveUpAfter(Duration.ofMinutes(2)),
          AccountDeletionWorkflowImpl.class);
      ScriptedActivities activities = new ScriptedActivities();
      worker.registerActivitiesImplementations(activities);
      env.start();
      DeletionWorkflowStarter starter = new DeletionWorkflowStarter(env.getWorkflowClient());
      String userId = UUID.randomUUID().toString();
      switch (scenario) {
        case RETRIED -> activities.failNext("purgeCache", Integer.MAX_VALUE);
        case CANCELLED_WHILE_ERASING -> activities.failNext("anonymizeAccount", 5);
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
        case COMPLETED -> env.sleep(Duration.ofDays(31));
        case CANCELLED_WHILE_ERASING -> {
          env.sleep(Duration.ofDays(30).plusSeconds(2));
          starter.untyped(userId).cancel();
        }
        case PHASE_WRITES_DURING_OUTAGE -> {
          env.sleep(Duration.ofDays(30).plusHours(1));
          activities.failures.clear();
          starter.existing(userId).retry();
        }
      }
      try {
        starter.untyped(userId).getResult(DeletionReceipt.class);
      } catch (WorkflowFailedException e) {
        // A cancelled run closes CANCELED, its receipt recorded all the same.
        if (scenario != Scenario.CANCELLED_WHILE_ERASING) {
          throw e;
        }
      }
      WorkflowExecutionHistory history =
          env.getWorkflowClient().fetchHistory(AccountDeletionWorkflow.workflowId(userId));
      Files.writeString(file, history.toJson(true));
      System.out.println("recorded " + file + " (" + history.getEvents().size() + " events)");
    }
  }
}
