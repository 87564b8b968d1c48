package com.veza.erasure.deletion;

import com.veza.erasure.deletion.backfill.BackfillInput;
import com.veza.erasure.deletion.backfill.BackfillResult;
import com.veza.erasure.deletion.backfill.LegacyBackfillActivities;
import com.veza.erasure.deletion.backfill.LegacyBackfillStarter;
import com.veza.erasure.deletion.backfill.LegacyBackfillWorkflow;
import com.veza.erasure.deletion.backfill.LegacyBackfillWorkflowImpl;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records the histories {@link LegacyBackfillReplayTest} guards: backfill passes, and deletions
 * started the way a pass starts them (with an original deadline). Run from the repo root, as {@link
 * RecordDeletionHistories}, with a version argument ({@code v1}); never to "fix" a failing replay
 * test.
 */
public final class RecordBackfillHistories {

  public static void main(String[] args) throws IOException {
    String version = args.length > 0 ? args[0] : "v1";
    Path dir = Path.of("workflows/src/test/resources/histories");
    Files.createDirectories(dir);
    recordPass(dir.resolve("backfill-" + version + "-completed.json"), 0);
    recordPass(dir.resolve("backfill-" + version + "-retried.json"), 2);
    recordDeletion(dir.resolve("backfill-" + version + "-deletion-past-deadline.json"), false);
    recordDeletion(dir.resolve("backfill-" + version + "-deletion-future-deadline.json"), true);
  }

  /** A pass whose activity fails {@code failures} times before it answers. */
  private static void recordPass(Path file, int failures) throws IOException {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker("erasure");
      worker.registerWorkflowImplementationTypes(LegacyBackfillWorkflowImpl.class);
      AtomicInteger failing = new AtomicInteger(failures);
      worker.registerActivitiesImplementations(
          (LegacyBackfillActivities)
              input -> {
                if (failing.getAndDecrement() > 0) {
                  throw ApplicationFailure.newFailure("database restarting", "PSQLException");
                }
                return new BackfillResult(1200, 1150, 50, 3);
              });
      env.start();
      env.getWorkflowClient()
          .newWorkflowStub(LegacyBackfillWorkflow.class, LegacyBackfillStarter.options("erasure"))
          .backfill(new BackfillInput(500));
      write(file, env.getWorkflowClient().fetchHistory(LegacyBackfillWorkflow.RUN_NOW_ID));
    }
  }

  /** A deletion with an original deadline: 10 days past, or 5 days ahead. */
  private static void recordDeletion(Path file, boolean future) throws IOException {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      DeletionSearchAttributes.DEFINITIONS.forEach(env::registerSearchAttribute);
      Worker worker = env.newWorker("erasure");
      worker.registerWorkflowImplementationTypes(
          DeletionActivityOptions.withGiveUpAfter(Duration.ofMinutes(2)),
          AccountDeletionWorkflowImpl.class);
      worker.registerActivitiesImplementations(new ScriptedActivities());
      env.start();
      DeletionWorkflowStarter starter = new DeletionWorkflowStarter(env.getWorkflowClient());
      String userId = UUID.randomUUID().toString();
      Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
      Instant deadline = future ? now.plus(Duration.ofDays(5)) : now.minus(Duration.ofDays(10));
      Instant deletedAt = deadline.minus(Duration.ofDays(30));
      starter.start(
          new DeletionRequest(
              userId, false, "legacy-backfill", deletedAt, Duration.ofDays(30), deadline));
      starter.untyped(userId).getResult(DeletionReceipt.class);
      write(file, env.getWorkflowClient().fetchHistory(AccountDeletionWorkflow.workflowId(userId)));
    }
  }

  private static void write(Path file, WorkflowExecutionHistory history) throws IOException {
    Files.writeString(file, history.toJson(true));
    System.out.println("recorded " + file + " (" + history.getEvents().size() + " events)");
  }
}
