package com.veza.erasure.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The workflow's own logic over scripted activities; real stores are exercised in activities/. */
class DataExportWorkflowTest {

  private static final String QUEUE = "export-test";

  private TestWorkflowEnvironment env;
  private final ScriptedExportActivities activities = new ScriptedExportActivities();
  private final String exportId = UUID.randomUUID().toString();
  private final String userId = UUID.randomUUID().toString();

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(
        ExportActivityOptions.withEmailGiveUpAfter(Duration.ofHours(1)),
        DataExportWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private DataExportWorkflow start() {
    DataExportWorkflow wf =
        env.getWorkflowClient()
            .newWorkflowStub(
                DataExportWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(QUEUE)
                    .setWorkflowId(DataExportWorkflow.workflowId(exportId))
                    .build());
    WorkflowClient.start(
        wf::export,
        new ExportRequest(
            exportId, userId, Instant.ofEpochMilli(env.currentTimeMillis()), Duration.ofDays(7)));
    return wf;
  }

  private ExportStatus result() {
    return env.getWorkflowClient()
        .newUntypedWorkflowStub(DataExportWorkflow.workflowId(exportId))
        .getResult(ExportStatus.class);
  }

  @Test
  void givenBuildSucceeds_itMarksReadyEmailsAndExpiresAfterTheLinkLifetime() {
    DataExportWorkflow wf = start();
    env.sleep(Duration.ofDays(1));
    ExportStatus ready = wf.status();
    assertThat(ready.state()).isEqualTo(ExportState.READY);
    assertThat(ready.emailSent()).isTrue();
    assertThat(Duration.between(ready.readyAt(), ready.expiresAt())).isEqualTo(Duration.ofDays(7));
    assertThat(activities.calls).containsExactly("buildExport", "markReady", "sendReadyEmail");

    env.sleep(Duration.ofDays(7));
    ExportStatus done = result();
    assertThat(done.state()).isEqualTo(ExportState.EXPIRED);
    assertThat(done.sizeBytes()).isEqualTo(42);
    assertThat(done.sha256()).isEqualTo("abc");
    assertThat(activities.calls).endsWith("expireExport:" + "u/e.zip");
  }

  @Test
  void givenSmtpDownForGood_itKeepsTheExportReadyWithEmailNotSent() {
    activities.emailFails = true;
    DataExportWorkflow wf = start();
    env.sleep(Duration.ofHours(2));
    ExportStatus status = wf.status();
    assertThat(status.state()).isEqualTo(ExportState.READY);
    assertThat(status.emailSent()).isFalse();
    assertThat(activities.calls.stream().filter("sendReadyEmail"::equals).count()).isGreaterThan(1);
    assertThat(activities.calls).doesNotContain("markFailed");
    env.sleep(Duration.ofDays(7));
    assertThat(result().state()).isEqualTo(ExportState.EXPIRED);
  }

  @Test
  void givenReadyExport_whenCancelledDuringItsLinkLifetime_itDeletesTheFileAndMarksItExpired() {
    DataExportWorkflow wf = start();
    env.sleep(Duration.ofDays(2));
    assertThat(wf.status().state()).isEqualTo(ExportState.READY);

    env.getWorkflowClient()
        .newUntypedWorkflowStub(DataExportWorkflow.workflowId(exportId))
        .cancel();

    // The Java SDK closes a run whose cancellation was requested as CANCELED (sdk-java#896).
    assertThatThrownBy(this::result)
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    assertThat(activities.calls).endsWith("expireExport:u/e.zip");
    assertThat(wf.status().state()).isEqualTo(ExportState.EXPIRED);
  }

  @Test
  void givenTheEmailStillBeingRetried_whenCancelled_itExpiresTheExportToo() {
    activities.emailFails = true;
    DataExportWorkflow wf = start();
    env.sleep(Duration.ofMinutes(10));

    env.getWorkflowClient()
        .newUntypedWorkflowStub(DataExportWorkflow.workflowId(exportId))
        .cancel();

    assertThatThrownBy(this::result).isInstanceOf(WorkflowFailedException.class);
    assertThat(activities.calls).endsWith("expireExport:u/e.zip");
    assertThat(wf.status().state()).isEqualTo(ExportState.EXPIRED);
    assertThat(wf.status().emailSent()).isFalse();
  }

  @Test
  void givenBuildFailsForGood_itMarksFailedWithTheFailureType() {
    activities.buildFailure =
        ApplicationFailure.newNonRetryableFailure("no such user", "USER_NOT_FOUND");
    start();
    ExportStatus done = result();
    assertThat(done.state()).isEqualTo(ExportState.FAILED);
    assertThat(done.errorCode()).isEqualTo("USER_NOT_FOUND");
    assertThat(activities.calls).containsExactly("buildExport", "markFailed:USER_NOT_FOUND");
  }
}
