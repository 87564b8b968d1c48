package com.veza.erasure.activities.deletion;

import com.veza.erasure.common.UserIds;
import com.veza.erasure.deletion.CacheSweepActivities;
import com.veza.erasure.deletion.CacheSweepBatch;
import com.veza.erasure.deletion.CacheSweepResult;
import com.veza.erasure.deletion.CacheSweepUserCounts;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The sweep pass (docs/design.md#cache-sweep). The SCAN loop lives in {@link CacheSweeper}; this
 * class heartbeats its progress after every page, so a retried attempt resumes at the last
 * heartbeated cursor with the counts so far.
 */
public final class CacheSweepActivitiesImpl implements CacheSweepActivities {

  private final CacheSweeper sweeper;
  private final Consumer<CacheSweeper.Progress> afterPage;

  /**
   * @param sweeper null when Redis is not configured on this worker
   */
  public CacheSweepActivitiesImpl(CacheSweeper sweeper) {
    this(sweeper, p -> {});
  }

  /** With {@code afterPage} called after each page's heartbeat: where tests stop a pass. */
  CacheSweepActivitiesImpl(CacheSweeper sweeper, Consumer<CacheSweeper.Progress> afterPage) {
    this.sweeper = sweeper;
    this.afterPage = afterPage;
  }

  @Override
  public CacheSweepResult sweepCacheBatch(CacheSweepBatch batch) {
    // Parsed before anything else: only canonical UUIDs are ever compared with keys.
    Set<UUID> users = new LinkedHashSet<>();
    for (String id :
        batch == null || batch.userIds() == null ? List.<String>of() : batch.userIds()) {
      users.add(UserIds.parse(id));
    }
    if (sweeper == null) {
      // Another worker's join; this one cannot sweep, and the deletions purge alone.
      throw ApplicationFailure.newNonRetryableFailure(
          "Redis is not configured on this worker", "REDIS_NOT_CONFIGURED");
    }
    ActivityExecutionContext context = Activity.getExecutionContext();
    CacheSweeper.Progress from =
        context.getHeartbeatDetails(CacheSweeper.Progress.class).orElse(null);
    CacheSweeper.Progress done =
        sweeper.sweep(
            users,
            from,
            p -> {
              context.heartbeat(p);
              afterPage.accept(p);
            });
    List<CacheSweepUserCounts> counts = new ArrayList<>(users.size());
    for (UUID user : users) {
      String id = user.toString();
      counts.add(
          new CacheSweepUserCounts(
              id, done.deleted().getOrDefault(id, 0L), done.left().getOrDefault(id, 0L)));
    }
    return new CacheSweepResult(counts, done.scanCalls());
  }
}
