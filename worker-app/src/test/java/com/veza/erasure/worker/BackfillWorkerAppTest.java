package com.veza.erasure.worker;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.veza.erasure.common.TaskQueues;
import com.veza.erasure.deletion.DeletionPhase;
import com.veza.erasure.deletion.DeletionReceipt;
import com.veza.erasure.deletion.backfill.BackfillInput;
import com.veza.erasure.deletion.backfill.BackfillResult;
import com.veza.erasure.deletion.backfill.LegacyBackfillStarter;
import com.veza.erasure.deletion.backfill.LegacyBackfillWorkflow;
import com.veza.erasure.worker.backfill.BackfillWorkerSettings;
import com.veza.erasure.worker.backfill.LegacyBackfillScheduler;
import io.temporal.client.schedules.ScheduleClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The legacy backfill in the worker-app as deployed, on Temporal's test server: which has no
 * schedules, so the schedule itself is only exercised against a real server (the compose stack),
 * and here the app must start anyway and run a pass started directly.
 */
class BackfillWorkerAppTest {

  @RegisterExtension
  static final WorkerWorld WORLD = WorkerWorld.withApp("backfill.enabled", "true");

  @Test
  void givenTheScheduleEnabledOnAServerWithoutSchedules_whenTheAppStarts_itKeepsRunning()
      throws Exception {
    assertThat(WorkerWorld.health(WORLD.runningApp()))
        .containsEntry("temporal", true)
        .containsEntry("temporal-worker", true);
  }

  @Test
  void givenAServerWithoutSchedules_whenTheSchedulerStarts_itWarnsNamingTheReason() {
    BackfillWorkerSettings settings = new BackfillWorkerSettings();
    settings.setEnabled(true);
    Logger logger = (Logger) LoggerFactory.getLogger(LegacyBackfillScheduler.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    try {
      new LegacyBackfillScheduler(
              ScheduleClient.newInstance(WORLD.client().getWorkflowServiceStubs()),
              settings,
              TaskQueues.ERASURE)
          .start();
    } finally {
      logger.detachAppender(logged);
    }

    assertThat(logged.list)
        .anySatisfy(
            event -> {
              assertThat(event.getLevel()).isEqualTo(Level.WARN);
              assertThat(event.getFormattedMessage())
                  .contains("does not implement schedules")
                  .contains("POST /v1/admin/backfill");
            });
  }

  @Test
  void givenALegacySoftDelete_whenAPassRunsOnTheAppsWorker_itStartsItsDeletion() throws Exception {
    UUID user = UUID.randomUUID();
    WorkerWorld.seedUser(WORLD.jdbi(), user);
    Instant deadline = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
    WORLD
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    "UPDATE users SET deleted_at = ?, deletion_scheduled_for = ? WHERE id = ?",
                    deadline.minus(Duration.ofDays(30)),
                    deadline,
                    user));

    BackfillResult result =
        WORLD
            .client()
            .newWorkflowStub(
                LegacyBackfillWorkflow.class, LegacyBackfillStarter.options(TaskQueues.ERASURE))
            .backfill(new BackfillInput(BackfillInput.DEFAULT_PAGE_SIZE));

    assertThat(result.started()).isOne();
    DeletionReceipt receipt = WORLD.result(user, Duration.ofSeconds(60));
    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(receipt.scheduledFor()).isEqualTo(deadline);
    assertThat(WORLD.ledgerPhase(user)).isEqualTo(DeletionPhase.COMPLETED.name());
  }
}
