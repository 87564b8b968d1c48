package com.veza.erasure.export;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Records the export histories {@link DataExportReplayTest} guards. Run it only when a released
 * workflow version is frozen, from the repository root:
 *
 * <pre>mvn -pl workflows test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.veza.erasure.export.RecordExportHistories -Dexec.args=v1</pre>
 */
public final class RecordExportHistories {

  enum Scenario {
    EXPIRED,
    EMAIL_FAILED,
    BUILD_FAILED,
    /** Cancelled from outside two days into its link lifetime: the export is expired at once. */
    CANCELLED_DURING_LINK
  }

  public static void main(String[] args) throws IOException {
    String version = args.length > 0 ? args[0] : "v1";
    Path dir = Path.of("workflows/src/test/resources/histories");
    Files.createDirectories(dir);
    for (Scenario scenario : Scenario.values()) {
      record(
          dir.resolve(
              "export-"
                  + version
                  + "-"
                  + scenario.name().toLowerCase(Locale.ROOT).replace('_', '-')
                  + ".json"),
          scenario);
    }
  }

  private static void record(Path file, Scenario scenario) throws IOException {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker("erasure");
      worker.registerWorkflowImplementationTypes(
          ExportActivityOptions.withEmailGiveUpAfter(Duration.ofHours(1)),
          DataExportWorkflowImpl.class);
      ScriptedExportActivities activities = new ScriptedExportActivities();
      activities.emailFails = scenario == Scenario.EMAIL_FAILED;
      if (scenario == Scenario.BUILD_FAILED) {
        activities.buildFailure =
            ApplicationFailure.newNonRetryableFailure("erased", "USER_NOT_FOUND");
      }
      worker.registerActivitiesImplementations(activities);
      env.start();
      String exportId = UUID.randomUUID().toString();
      String workflowId = DataExportWorkflow.workflowId(exportId);
      DataExportWorkflow wf =
          env.getWorkflowClient()
              .newWorkflowStub(
                  DataExportWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setTaskQueue("erasure")
                      .setWorkflowId(workflowId)
                      .build());
      WorkflowClient.start(
          wf::export,
          new ExportRequest(
              exportId,
              UUID.randomUUID().toString(),
              Instant.ofEpochMilli(env.currentTimeMillis()),
              ExportRequest.DEFAULT_LINK_LIFETIME));
      if (scenario == Scenario.CANCELLED_DURING_LINK) {
        env.sleep(Duration.ofDays(2));
        env.getWorkflowClient().newUntypedWorkflowStub(workflowId).cancel();
      } else {
        env.sleep(Duration.ofDays(8));
      }
      try {
        env.getWorkflowClient().newUntypedWorkflowStub(workflowId).getResult(ExportStatus.class);
      } catch (WorkflowFailedException e) {
        // A cancelled run closes CANCELED, its export expired all the same.
        if (scenario != Scenario.CANCELLED_DURING_LINK) {
          throw e;
        }
      }
      WorkflowExecutionHistory history = env.getWorkflowClient().fetchHistory(workflowId);
      Files.writeString(file, history.toJson(true));
      System.out.println("recorded " + file + " (" + history.getEvents().size() + " events)");
    }
  }
}
