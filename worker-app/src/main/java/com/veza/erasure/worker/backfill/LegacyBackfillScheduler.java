package com.veza.erasure.worker.backfill;

import com.veza.erasure.deletion.backfill.BackfillInput;
import com.veza.erasure.deletion.backfill.LegacyBackfillSchedule;
import io.dropwizard.lifecycle.Managed;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleUpdate;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the namespace's {@link LegacyBackfillSchedule} match the configuration at worker start:
 * created or updated when enabled, deleted when not. Never stops the worker: a server without
 * schedules (Temporal's test server, hence {@code ./run-local}) or one not reachable yet gets a
 * warning naming the reason, and the worker runs on.
 */
public final class LegacyBackfillScheduler implements Managed {

  private static final Logger log = LoggerFactory.getLogger(LegacyBackfillScheduler.class);

  private final ScheduleClient schedules;
  private final BackfillWorkerSettings settings;
  private final String taskQueue;

  public LegacyBackfillScheduler(
      ScheduleClient schedules, BackfillWorkerSettings settings, String taskQueue) {
    this.schedules = schedules;
    this.settings = settings;
    this.taskQueue = taskQueue;
  }

  @Override
  public void start() {
    try {
      if (settings.isEnabled()) {
        createOrUpdate();
      } else {
        deleteIfPresent();
      }
    } catch (RuntimeException e) {
      Optional<Status.Code> code = grpcCode(e);
      if (code.isPresent() && code.get() == Status.Code.UNIMPLEMENTED) {
        if (settings.isEnabled()) {
          log.warn(
              "Legacy backfill schedule not created: this Temporal server does not implement"
                  + " schedules (Temporal's test server, as in ./run-local). Run the backfill with"
                  + " POST /v1/admin/backfill instead; the worker keeps running.");
        }
        return;
      }
      log.warn(
          "Legacy backfill schedule {} not {}: {}; the worker keeps running, the next start tries"
              + " again (or run it with POST /v1/admin/backfill)",
          LegacyBackfillSchedule.SCHEDULE_ID,
          settings.isEnabled() ? "created or updated" : "deleted",
          code.map(c -> "Temporal answered " + c).orElse(e.getClass().getSimpleName()),
          e);
    }
  }

  private void createOrUpdate() {
    Schedule wanted =
        LegacyBackfillSchedule.of(
            settings.getInterval(), new BackfillInput(settings.getPageSize()), taskQueue);
    try {
      schedules.createSchedule(
          LegacyBackfillSchedule.SCHEDULE_ID, wanted, ScheduleOptions.newBuilder().build());
      log.info(
          "Legacy backfill schedule {} created: every {}, pages of {}",
          LegacyBackfillSchedule.SCHEDULE_ID,
          settings.getInterval(),
          settings.getPageSize());
    } catch (ScheduleAlreadyRunningException e) {
      // Another worker (or an earlier start) created it: bring it to this configuration, keeping
      // its state, so a pause an operator set in the Temporal UI survives a deploy.
      schedules
          .getHandle(LegacyBackfillSchedule.SCHEDULE_ID)
          .update(
              current ->
                  new ScheduleUpdate(
                      Schedule.newBuilder(wanted)
                          .setState(current.getDescription().getSchedule().getState())
                          .build()));
      log.info(
          "Legacy backfill schedule {} updated: every {}, pages of {}",
          LegacyBackfillSchedule.SCHEDULE_ID,
          settings.getInterval(),
          settings.getPageSize());
    }
  }

  private void deleteIfPresent() {
    try {
      schedules.getHandle(LegacyBackfillSchedule.SCHEDULE_ID).delete();
      log.info(
          "Legacy backfill schedule {} deleted (backfill.enabled is false)",
          LegacyBackfillSchedule.SCHEDULE_ID);
    } catch (RuntimeException e) {
      if (grpcCode(e).filter(c -> c == Status.Code.NOT_FOUND).isEmpty()) {
        throw e;
      }
    }
  }

  @Override
  public void stop() {
    // Nothing to release: the schedule lives in Temporal, the client on the worker's connection.
  }

  /** The gRPC status somewhere in the cause chain: the SDK wraps it in its own exceptions. */
  static Optional<Status.Code> grpcCode(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StatusRuntimeException s) {
        return Optional.of(s.getStatus().getCode());
      }
    }
    return Optional.empty();
  }
}
