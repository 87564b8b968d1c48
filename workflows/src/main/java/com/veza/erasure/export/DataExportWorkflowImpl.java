package com.veza.erasure.export;

import com.veza.erasure.common.ErasureErrors;
import com.veza.erasure.common.UserIds;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * The steps of docs/design.md#export-steps: build, mark ready, email, wait out the link, expire.
 */
public class DataExportWorkflowImpl implements DataExportWorkflow {

  private static final Logger log = Workflow.getLogger(DataExportWorkflowImpl.class);

  /**
   * Change id of expiring the export when the workflow is cancelled after the file was published:
   * runs started before it end cancelled with the file left behind.
   */
  static final String EXPIRE_WHEN_CANCELLED = "expire-when-cancelled";

  private final ExportRequest request;
  private ExportStatus status;

  @WorkflowInit
  public DataExportWorkflowImpl(ExportRequest request) {
    validate(request);
    this.request = request;
    this.status =
        new ExportStatus(request.exportId(), ExportState.PENDING, null, null, 0, null, false, null);
  }

  @Override
  public ExportStatus export(ExportRequest ignored) {
    status = with(ExportState.RUNNING);
    BuiltExport built;
    try {
      built =
          exports(ExportActivityOptions.BUILD, "Stream the user's data into a ZIP")
              .buildExport(new BuildExportInput(request.exportId(), request.userId()));
    } catch (ActivityFailure e) {
      String errorCode = errorCode(e);
      log.warn("export {} could not be built: {}", request.exportId(), errorCode);
      exports(ExportActivityOptions.POSTGRES, "Mark the export FAILED")
          .markFailed(new MarkFailedInput(request.exportId(), errorCode));
      status =
          new ExportStatus(
              request.exportId(), ExportState.FAILED, null, null, 0, null, false, errorCode);
      return finish();
    }

    Instant readyAt = now();
    Instant expiresAt = readyAt.plus(linkLifetime());
    exports(ExportActivityOptions.POSTGRES, "Mark the export READY")
        .markReady(new MarkReadyInput(request.exportId(), built, readyAt, expiresAt));
    status =
        new ExportStatus(
            request.exportId(),
            ExportState.READY,
            readyAt,
            expiresAt,
            built.sizeBytes(),
            built.sha256(),
            false,
            null);

    // Decided before the wait, while no cancellation is under way.
    boolean expireWhenCancelled =
        Workflow.getVersion(EXPIRE_WHEN_CANCELLED, Workflow.DEFAULT_VERSION, 1)
            > Workflow.DEFAULT_VERSION;
    try {
      status = withEmailSent(sendReadyEmail(expiresAt));
      Workflow.newTimer(
              Duration.between(now(), expiresAt),
              TimerOptions.newBuilder()
                  .setSummary("Download link valid until " + expiresAt)
                  .build())
          .get();
    } catch (CanceledFailure e) {
      if (!expireWhenCancelled) {
        throw e;
      }
      // Nothing else would ever delete the file: expire it now, where cancellation cannot reach.
      log.info("export {} cancelled during its link lifetime; expiring it", request.exportId());
      ExportStatus[] expired = new ExportStatus[1];
      Workflow.newDetachedCancellationScope(() -> expired[0] = expire(built)).run();
      return expired[0];
    }
    return expire(built);
  }

  /** Deletes the file, marks the row EXPIRED and ends with that status. */
  private ExportStatus expire(BuiltExport built) {
    exports(ExportActivityOptions.POSTGRES, "Delete the file and mark the export EXPIRED")
        .expireExport(new ExpireExportInput(request.exportId(), built.storageKey()));
    status = with(ExportState.EXPIRED);
    return finish();
  }

  /** A built export stays READY whatever happens to the email: the user also sees it in the API. */
  private boolean sendReadyEmail(Instant expiresAt) {
    try {
      Workflow.newActivityStub(
              ExportMailActivities.class, summary(ExportActivityOptions.SMTP, "Email the link"))
          .sendReadyEmail(new ReadyEmailInput(request.exportId(), request.userId(), expiresAt));
      return true;
    } catch (ActivityFailure e) {
      log.warn("ready email for export {} not sent: {}", request.exportId(), errorCode(e));
      return false;
    }
  }

  @Override
  public ExportStatus status() {
    return status;
  }

  private ExportStatus finish() {
    Workflow.await(Workflow::isEveryHandlerFinished);
    return status;
  }

  private Duration linkLifetime() {
    return request.linkLifetime() == null
        ? ExportRequest.DEFAULT_LINK_LIFETIME
        : request.linkLifetime();
  }

  /** The failure's type, never its message: a message could carry data into the row. */
  static String errorCode(ActivityFailure e) {
    Throwable cause = e.getCause();
    if (cause instanceof ApplicationFailure app) {
      return app.getType();
    }
    if (cause instanceof TimeoutFailure timeout) {
      return "TIMEOUT_" + timeout.getTimeoutType().name().replace("TIMEOUT_TYPE_", "");
    }
    return cause == null ? "UNKNOWN" : cause.getClass().getSimpleName();
  }

  private ExportStatus with(ExportState state) {
    return new ExportStatus(
        status.exportId(),
        state,
        status.readyAt(),
        status.expiresAt(),
        status.sizeBytes(),
        status.sha256(),
        status.emailSent(),
        status.errorCode());
  }

  private ExportStatus withEmailSent(boolean emailSent) {
    return new ExportStatus(
        status.exportId(),
        status.state(),
        status.readyAt(),
        status.expiresAt(),
        status.sizeBytes(),
        status.sha256(),
        emailSent,
        status.errorCode());
  }

  private static ExportActivities exports(ActivityOptions options, String summary) {
    return Workflow.newActivityStub(ExportActivities.class, summary(options, summary));
  }

  private static ActivityOptions summary(ActivityOptions base, String summary) {
    return ActivityOptions.newBuilder(base).setSummary(summary).build();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private static void validate(ExportRequest request) {
    if (request == null
        || request.exportId() == null
        || (request.linkLifetime() != null && request.linkLifetime().isNegative())) {
      throw ErasureErrors.INVALID_INPUT.failure(
          "request, exportId and a non-negative linkLifetime are required");
    }
    UserIds.parse(request.userId());
    // The export id is a UUID too; the same parser rejects anything else.
    String exportId = UserIds.parse(request.exportId()).toString();
    if (!Workflow.getInfo().getWorkflowId().equals(DataExportWorkflow.workflowId(exportId))) {
      // One workflow per export row: the id is what makes a repeated start join the first.
      throw ErasureErrors.INVALID_INPUT.failure(
          "workflow id must be " + DataExportWorkflow.workflowId(exportId));
    }
  }
}
