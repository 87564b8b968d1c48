package com.veza.erasure.deletion;

import static com.veza.erasure.common.ErasureErrors.AUTH_FAILED;
import static com.veza.erasure.common.ErasureErrors.INVALID_INPUT;
import static com.veza.erasure.common.ErasureErrors.INVALID_PATTERN;
import static com.veza.erasure.common.ErasureErrors.SEARCH_MAPPING;
import static com.veza.erasure.common.ErasureErrors.USER_NOT_FOUND;
import static com.veza.erasure.common.ErasureErrors.names;

import com.veza.erasure.common.ActivityTypes;
import com.veza.erasure.export.ExportCleanupActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Activity options of the deletion workflow, one set per activity kind
 * (docs/design.md#deletion-activities). When a step's schedule-to-close runs out the workflow does
 * not fail: it parks in NEEDS_ATTENTION for an operator, so these budgets say how long we keep
 * trying on our own before asking a person.
 */
public final class DeletionActivityOptions {

  /** An outage longer than a day is not transient any more: a person should look at it. */
  public static final Duration GIVE_UP_AFTER = Duration.ofDays(1);

  static final ActivityOptions POSTGRES =
      ActivityOptions.newBuilder()
          // One short transaction over one user's rows; 30 s means a lock wait or a dead
          // connection.
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(GIVE_UP_AFTER)
          .setRetryOptions(
              RetryOptions.newBuilder()
                  // A failover or restart takes seconds: try again soon, then back off.
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  // A database that is back is used within a minute.
                  .setMaximumInterval(Duration.ofMinutes(1))
                  // Bad input and a missing user give the same answer on every attempt.
                  .setDoNotRetry(names(INVALID_INPUT, USER_NOT_FOUND))
                  .build())
          .build();

  static final ActivityOptions REDIS =
      ActivityOptions.newBuilder()
          // Millions of keys at ~1M keys/s scanned; 10 min leaves room for a huge keyspace.
          .setStartToCloseTimeout(Duration.ofMinutes(10))
          // Heartbeats carry the SCAN cursor; a dead worker is noticed within 30 s and the retry
          // resumes.
          .setHeartbeatTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(GIVE_UP_AFTER)
          .setRetryOptions(
              RetryOptions.newBuilder()
                  // Redis restarts and failovers are sub-second: retry almost at once.
                  .setInitialInterval(Duration.ofMillis(100))
                  .setBackoffCoefficient(2)
                  // Cheap attempts, so keep probing every 10 s during a longer outage.
                  .setMaximumInterval(Duration.ofSeconds(10))
                  // A bad pattern or bad credentials are configuration errors, not outages.
                  .setDoNotRetry(names(INVALID_INPUT, INVALID_PATTERN, AUTH_FAILED))
                  .build())
          .build();

  static final ActivityOptions SEARCH =
      ActivityOptions.newBuilder()
          // A million docs in 1000-doc _bulk chunks take minutes; the heartbeat, not this, notices
          // a dead worker.
          .setStartToCloseTimeout(Duration.ofMinutes(30))
          // Heartbeat per bulk chunk: a stuck request is abandoned within 30 s.
          .setHeartbeatTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(GIVE_UP_AFTER)
          .setRetryOptions(
              RetryOptions.newBuilder()
                  // ES answers 429/503 under pressure: give it a second before asking again.
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  // Node restarts take tens of seconds; one probe a minute is enough after that.
                  .setMaximumInterval(Duration.ofMinutes(1))
                  // A mapping or auth error repeats on every attempt.
                  .setDoNotRetry(names(INVALID_INPUT, SEARCH_MAPPING, AUTH_FAILED))
                  .build())
          .build();

  /**
   * Verification re-reads every store, the search docs by id in {@code _mget} chunks: minutes for a
   * million tracks, with a heartbeat per chunk; retried as PostgreSQL.
   */
  static final ActivityOptions VERIFY =
      ActivityOptions.newBuilder(POSTGRES)
          .setStartToCloseTimeout(Duration.ofMinutes(30))
          .setHeartbeatTimeout(Duration.ofSeconds(30))
          .build();

  /**
   * Joining the cache sweep is one signal-with-start to Temporal. It gets a short budget of its
   * own, outside {@link #withGiveUpAfter}: a join that cannot land falls back to the per-user purge
   * instead of parking the deletion.
   */
  static final ActivityOptions CACHE_SWEEP_JOIN =
      ActivityOptions.newBuilder()
          // One RPC to the Temporal frontend.
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          // A minute of failed joins: the per-user purge is the surer way then.
          .setScheduleToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofSeconds(10))
                  .setDoNotRetry(names(INVALID_INPUT))
                  .build())
          .build();

  /**
   * The sweeper's pass over the keyspace (two SCAN passes for the whole batch). Not a deletion
   * step: when it gives up the sweeper answers its joins "not swept" and each deletion purges
   * alone, so its budget is about the deletions' wait bound, not a day.
   */
  static final ActivityOptions CACHE_SWEEP =
      ActivityOptions.newBuilder()
          // 100M keys at ~1M keys/s scanned, twice: under 4 min; 30 min leaves room.
          .setStartToCloseTimeout(Duration.ofMinutes(30))
          // Heartbeats carry the cursor; a dead worker is noticed within 30 s and the retry
          // resumes.
          .setHeartbeatTimeout(Duration.ofSeconds(30))
          // Past this the waiting deletions have fallen back anyway (their bound is minutes).
          .setScheduleToCloseTimeout(Duration.ofMinutes(15))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  // As the per-user purge: Redis failovers are sub-second.
                  .setInitialInterval(Duration.ofMillis(100))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofSeconds(10))
                  .setDoNotRetry(names(INVALID_INPUT, INVALID_PATTERN, AUTH_FAILED))
                  .build())
          .build();

  /** Deletes a few export files and updates their rows; retried as PostgreSQL. */
  static final ActivityOptions EXPORT_FILES =
      ActivityOptions.newBuilder(POSTGRES).setStartToCloseTimeout(Duration.ofMinutes(2)).build();

  /**
   * THIRD_PARTY_REFERENCES pages through the whole tracks table and the tracks index (a heartbeat
   * per page); retried as PostgreSQL, and a mapping or auth error of the index repeats.
   */
  static final ActivityOptions REFERENCES =
      ActivityOptions.newBuilder(POSTGRES)
          .setStartToCloseTimeout(Duration.ofMinutes(30))
          .setHeartbeatTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder(POSTGRES.getRetryOptions())
                  .setDoNotRetry(names(INVALID_INPUT, USER_NOT_FOUND, SEARCH_MAPPING, AUTH_FAILED))
                  .build())
          .build();

  /**
   * The user's emails. Bounded on their own, whatever the give-up budget: a notice is worth
   * retrying through a relay restart, not through a long outage, and the deletion never waits for
   * one that gives up (it is recorded FAILED). About 40 minutes of attempts in all.
   */
  static final ActivityOptions NOTIFY =
      ActivityOptions.newBuilder()
          // SMTP connect, read and write time out after 10 s each (the mail session's settings).
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setScheduleToCloseTimeout(Duration.ofHours(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  // A relay restarting or greylisting answers again within a minute or so.
                  .setInitialInterval(Duration.ofSeconds(30))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofMinutes(10))
                  // 30 s, 1, 2, 4, 8, 10, 10 min between the 8 attempts.
                  .setMaximumAttempts(8)
                  // A malformed address or a missing account never gets better.
                  .setDoNotRetry(names(INVALID_INPUT, USER_NOT_FOUND))
                  .build())
          .build();

  /**
   * Every activity interface the workflow calls, with the options its stubs are built from; the
   * per-type overrides of {@link #withGiveUpAfter} cover each of their methods but RecordPhase and
   * JoinCacheSweep.
   */
  static final Map<Class<?>, ActivityOptions> BY_INTERFACE =
      Map.of(
          AccountActivities.class, POSTGRES,
          LedgerActivities.class, POSTGRES,
          CacheActivities.class, REDIS,
          SearchActivities.class, SEARCH,
          VerificationActivities.class, VERIFY,
          ExportCleanupActivities.class, EXPORT_FILES,
          ReferenceActivities.class, REFERENCES,
          NotificationActivities.class, NOTIFY,
          // Copying or deleting one row: the deletion waits for these like any PostgreSQL step.
          NoticeOutboxActivities.class, POSTGRES,
          CacheSweepJoinActivities.class, CACHE_SWEEP_JOIN);

  /**
   * Ledger phase writes keep the admin list true, so they are retried until PostgreSQL takes them,
   * however long the outage (no give-up budget). The workflow does not wait for them, and their
   * sequence numbers keep one that lands late from overwriting a newer phase
   * (docs/design.md#deletion-ledger).
   */
  static final ActivityOptions PHASE_WRITES =
      ActivityOptions.newBuilder()
          // One UPDATE of one row, as for the other PostgreSQL steps.
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  // The admin list catches up within a minute of the database being back.
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setDoNotRetry(names(INVALID_INPUT))
                  .build())
          .build();

  private DeletionActivityOptions() {}

  /**
   * Registration options with another give-up budget for every step, e.g. for a test that wants
   * NEEDS_ATTENTION within seconds, or a worker configured to page operators sooner.
   */
  public static WorkflowImplementationOptions withGiveUpAfter(Duration giveUpAfter) {
    Map<String, ActivityOptions> perType = new HashMap<>();
    BY_INTERFACE.forEach(
        (activityInterface, base) -> {
          // A notice keeps its own, shorter bound: the budget is how long a required step may
          // block the deletion, and a notice never blocks it.
          Duration budget =
              activityInterface == NotificationActivities.class
                      && base.getScheduleToCloseTimeout().compareTo(giveUpAfter) < 0
                  ? base.getScheduleToCloseTimeout()
                  : giveUpAfter;
          ActivityOptions options = withBudget(base, budget);
          for (String type : ActivityTypes.typesOf(List.of(activityInterface))) {
            // Phase writes are retried until they land (PHASE_WRITES); an override would give
            // them a budget. Best-effort writes of runs started before keep the POSTGRES one.
            // The join keeps its short budget: failing it falls back, it never parks.
            if (type.equals(DeletionActivityTypes.RECORD_PHASE)
                || type.equals(DeletionActivityTypes.JOIN_CACHE_SWEEP)) {
              continue;
            }
            perType.put(type, options);
          }
        });
    return WorkflowImplementationOptions.newBuilder().setActivityOptions(perType).build();
  }

  private static ActivityOptions withBudget(ActivityOptions base, Duration budget) {
    ActivityOptions.Builder b = ActivityOptions.newBuilder(base).setScheduleToCloseTimeout(budget);
    if (base.getStartToCloseTimeout().compareTo(budget) > 0) {
      b.setStartToCloseTimeout(budget);
    }
    return b.build();
  }
}
