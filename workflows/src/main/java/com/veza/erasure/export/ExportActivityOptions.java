package com.veza.erasure.export;

import static com.veza.erasure.common.ErasureErrors.INVALID_INPUT;
import static com.veza.erasure.common.ErasureErrors.USER_NOT_FOUND;
import static com.veza.erasure.common.ErasureErrors.names;

import com.veza.erasure.common.ActivityTypes;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Duration;
import java.util.Map;

/**
 * Activity options of the export workflow (docs/design.md#export-activities), one set per activity
 * kind.
 */
public final class ExportActivityOptions {

  /** Type of the failure the mail activity reports when mail is switched off by configuration. */
  public static final String MAIL_DISABLED = "MAIL_DISABLED";

  static final ActivityOptions BUILD =
      ActivityOptions.newBuilder()
          // A million-row history streams in well under a minute; 30 min is for a slow disk or a
          // busy DB.
          .setStartToCloseTimeout(Duration.ofMinutes(30))
          // Heartbeat every 10k rows: a worker that died mid-ZIP is noticed within a minute.
          .setHeartbeatTimeout(Duration.ofMinutes(1))
          // After a day of failures the user is better served by a FAILED row and a new request.
          .setScheduleToCloseTimeout(Duration.ofDays(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  // Each attempt rewrites the whole ZIP: do not hammer the database while it
                  // recovers.
                  .setInitialInterval(Duration.ofSeconds(5))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofMinutes(5))
                  // A bad id or an erased account give the same answer on every attempt.
                  .setDoNotRetry(names(INVALID_INPUT, USER_NOT_FOUND))
                  .build())
          .build();

  /** One short UPDATE of the export's row: the deletion workflow's PostgreSQL reasoning applies. */
  static final ActivityOptions POSTGRES =
      ActivityOptions.newBuilder()
          // One UPDATE; 30 s means a lock wait or a dead connection.
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofDays(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  // A failover or restart takes seconds: try again soon, then back off.
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setDoNotRetry(names(INVALID_INPUT, USER_NOT_FOUND))
                  .build())
          .build();

  static final ActivityOptions SMTP =
      ActivityOptions.newBuilder()
          // Connect, authenticate, send one short message.
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          // A mail relay outage over a weekend still delivers the link on Monday.
          .setScheduleToCloseTimeout(Duration.ofDays(3))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  // Greylisting and relay restarts clear in seconds to minutes.
                  .setInitialInterval(Duration.ofSeconds(10))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofMinutes(10))
                  // Mail switched off, or no address to send to: no attempt will do better.
                  .setDoNotRetry(MAIL_DISABLED, INVALID_INPUT.name(), USER_NOT_FOUND.name())
                  .build())
          .build();

  /** Type of the mail activity, whose give-up budget {@link #withEmailGiveUpAfter} overrides. */
  static final String SEND_READY_EMAIL =
      ActivityTypes.typeOf(ExportMailActivities.class, m -> m.sendReadyEmail(null));

  private ExportActivityOptions() {}

  /** Registration options with another email give-up budget, e.g. for a test of an SMTP outage. */
  public static WorkflowImplementationOptions withEmailGiveUpAfter(Duration giveUpAfter) {
    ActivityOptions smtp =
        ActivityOptions.newBuilder(SMTP).setScheduleToCloseTimeout(giveUpAfter).build();
    return WorkflowImplementationOptions.newBuilder()
        .setActivityOptions(Map.of(SEND_READY_EMAIL, smtp))
        .build();
  }
}
