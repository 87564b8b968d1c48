package com.veza.erasure.activities.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.veza.erasure.export.DataExportWorkflow;
import com.veza.erasure.export.DataExportWorkflowImpl;
import com.veza.erasure.export.ExportActivityOptions;
import com.veza.erasure.export.ExportRequest;
import com.veza.erasure.export.ExportState;
import com.veza.erasure.export.ExportStatus;
import com.veza.erasure.testing.FreePorts;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export workflow with every real activity: PostgreSQL, a local directory, GreenMail as the
 * SMTP server, and Temporal's time-skipping test server for the link lifetime.
 */
class DataExportEndToEndTest {
  private static final String QUEUE = "erasure";
  private static final String BASE_URL = "https://api.veza.example";

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;

  private TestWorkflowEnvironment env;
  private ExportRows rows;
  private LocalDirectoryExportStorage storage;
  private final UUID user = UUID.randomUUID();

  private void start(int smtpPort) {
    rows = ExportRows.on(ExportRows.freshDatabase());
    rows.user(user, "jane");
    UUID track = rows.track(user, "Jane's song");
    rows.plays(user, track, 25_000);
    storage = new LocalDirectoryExportStorage(dir);
    MailSettings mail =
        new MailSettings(
            true, "127.0.0.1", smtpPort, "no-reply@veza.example", null, null, BASE_URL);

    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    // An SMTP outage is given up on after an hour (3 days in production) to keep the test short.
    worker.registerWorkflowImplementationTypes(
        ExportActivityOptions.withEmailGiveUpAfter(Duration.ofHours(1)),
        DataExportWorkflowImpl.class);
    Clock clock = Clock.systemUTC();
    worker.registerActivitiesImplementations(
        new ExportActivitiesImpl(rows.jdbi, storage, clock),
        new ExportMailActivitiesImpl(rows.jdbi, mail, clock));
    env.start();
  }

  @AfterEach
  void tearDown() {
    if (env != null) {
      env.close();
    }
  }

  private DataExportWorkflow startExport(UUID exportId) {
    DataExportWorkflow wf =
        env.getWorkflowClient()
            .newWorkflowStub(
                DataExportWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(QUEUE)
                    .setWorkflowId(DataExportWorkflow.workflowId(exportId.toString()))
                    .build());
    WorkflowClient.start(
        wf::export,
        new ExportRequest(
            exportId.toString(),
            user.toString(),
            Instant.ofEpochMilli(env.currentTimeMillis()),
            ExportRequest.DEFAULT_LINK_LIFETIME));
    return wf;
  }

  private ExportStatus awaitState(DataExportWorkflow wf, ExportState state)
      throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      ExportStatus s = wf.status();
      if (s.state() == state) {
        return s;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("export never reached " + state + ": " + wf.status());
  }

  @Test
  void givenSmtpUp_itMailsTheUserTheLinkAndDeletesTheFileWhenTheLinkExpires() throws Exception {
    start(greenMail.getSmtp().getPort());
    UUID exportId = rows.export(user, Instant.now());
    DataExportWorkflow wf = startExport(exportId);

    ExportStatus ready = awaitState(wf, ExportState.READY);
    assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
    // The workflow learns of the delivery when the activity completes, just after GreenMail has it.
    for (int i = 0; i < 100 && !ready.emailSent(); i++) {
      Thread.sleep(100);
      ready = wf.status();
    }
    assertThat(ready.emailSent()).isTrue();
    String key = (String) rows.exportRow(exportId).get("storage_key");
    assertThat(storage.exists(key)).isTrue();
    assertThat(rows.exportRow(exportId))
        .containsEntry("status", "READY")
        .containsEntry("sha256", ready.sha256());
    assertThat(rows.exportRow(exportId).get("email_sent_at")).isNotNull();

    MimeMessage mail = greenMail.getReceivedMessages()[0];
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("jane@example.com");
    String body = (String) mail.getContent();
    assertThat(body).contains(BASE_URL + "/v1/me/exports/" + exportId + "/download");
    assertThat(body).doesNotContain("Jane's song", "I am jane", user.toString());

    // Past the link lifetime the file is gone and the row EXPIRED.
    env.sleep(ExportRequest.DEFAULT_LINK_LIFETIME.plusMinutes(1));
    ExportStatus done =
        env.getWorkflowClient()
            .newUntypedWorkflowStub(DataExportWorkflow.workflowId(exportId.toString()))
            .getResult(ExportStatus.class);
    assertThat(done.state()).isEqualTo(ExportState.EXPIRED);
    assertThat(storage.exists(key)).isFalse();
    assertThat(rows.exportRow(exportId))
        .containsEntry("status", "EXPIRED")
        .containsEntry("storage_key", null);
  }

  @Test
  void givenAReadyExport_whenCancelledDuringItsLinkLifetime_itDeletesTheFileAndExpiresTheRow()
      throws Exception {
    start(greenMail.getSmtp().getPort());
    UUID exportId = rows.export(user, Instant.now());
    DataExportWorkflow wf = startExport(exportId);
    awaitState(wf, ExportState.READY);
    String key = (String) rows.exportRow(exportId).get("storage_key");
    assertThat(storage.exists(key)).isTrue();
    env.sleep(Duration.ofDays(1));

    WorkflowStub run =
        env.getWorkflowClient()
            .newUntypedWorkflowStub(DataExportWorkflow.workflowId(exportId.toString()));
    run.cancel();

    // The Java SDK closes a run whose cancellation was requested as CANCELED (sdk-java#896).
    assertThatThrownBy(() -> run.getResult(ExportStatus.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    assertThat(storage.exists(key)).isFalse();
    assertThat(rows.exportRow(exportId))
        .containsEntry("status", "EXPIRED")
        .containsEntry("storage_key", null);
    assertThat(wf.status().state()).isEqualTo(ExportState.EXPIRED);
  }

  @Test
  void givenSmtpDown_itStillMakesTheExportReadyWithEmailNotSent() throws Exception {
    start(FreePorts.next());
    UUID exportId = rows.export(user, Instant.now());
    DataExportWorkflow wf = startExport(exportId);

    awaitState(wf, ExportState.READY);
    // Cross the (test) email give-up budget; the link is still valid for days after.
    env.sleep(Duration.ofHours(2));
    ExportStatus status = wf.status();
    assertThat(status.state()).isEqualTo(ExportState.READY);
    assertThat(status.emailSent()).isFalse();
    assertThat(storage.exists((String) rows.exportRow(exportId).get("storage_key"))).isTrue();
    assertThat(rows.exportRow(exportId))
        .containsEntry("status", "READY")
        .containsEntry("email_sent_at", null);
  }
}
