package com.veza.erasure.worker.deletion;

import com.veza.erasure.deletion.AccountDeletionWorkflow;
import com.veza.erasure.deletion.CachePurgeResult;
import com.veza.erasure.deletion.CacheSweepResult;
import com.veza.erasure.deletion.CacheSweepUserCounts;
import com.veza.erasure.deletion.CacheSweepWorkflow;
import com.veza.erasure.deletion.DeletionActivityTypes;
import com.veza.erasure.deletion.DeletionPhase;
import com.veza.erasure.deletion.PhaseChange;
import com.veza.erasure.deletion.SearchIndexPurged;
import com.veza.erasure.deletion.SearchPurgeResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.metadata.POJOWorkflowInterfaceMetadata;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The deletion's own metrics, recorded around each activity attempt of {@link
 * AccountDeletionWorkflow}: how long each step takes and how often it fails, how many deletions
 * start, are recovered, complete or need an operator, and how much was purged. Tags are step names,
 * outcomes and index kinds only: never a user id or anything else personal.
 *
 * <p>Phase counters count the activity that records the phase change, so each deletion is counted
 * once (an activity that succeeded is not run again), whichever worker ran it.
 */
public final class DeletionMetrics extends WorkerInterceptorBase {

  static final String WORKFLOW_TYPE =
      POJOWorkflowInterfaceMetadata.newInstance(AccountDeletionWorkflow.class)
          .getWorkflowType()
          .orElseThrow();

  static final String SWEEP_WORKFLOW_TYPE =
      POJOWorkflowInterfaceMetadata.newInstance(CacheSweepWorkflow.class)
          .getWorkflowType()
          .orElseThrow();

  private final MeterRegistry registry;
  private final Counter started;
  private final Counter recovered;
  private final Counter completed;
  private final Counter needsAttention;
  private final Counter keysPurged;

  /** What a successful attempt adds, by activity type; the other types are only timed. */
  private final Map<String, BiConsumer<Object[], Object>> onSuccess;

  public DeletionMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.started =
        Counter.builder("veza.deletions.started")
            .description(
                "Deletions whose account was soft-deleted and whose recovery window opened")
            .register(registry);
    this.recovered =
        Counter.builder("veza.deletions.recovered")
            .description("Deletions ended by a recovery: the account was restored")
            .register(registry);
    this.completed =
        Counter.builder("veza.deletions.completed")
            .description("Deletions erased and closed with a receipt in the ledger")
            .register(registry);
    this.needsAttention =
        Counter.builder("veza.deletions.needs.attention")
            .description(
                "Times a deletion parked in NEEDS_ATTENTION after a step exhausted its retries")
            .register(registry);
    this.keysPurged =
        Counter.builder("veza.deletion.redis.keys.purged")
            .description("Redis keys unlinked by the cache purge (per user or by the sweep)")
            .register(registry);
    // Registered up front so dashboards and alerts see zeros rather than missing series.
    for (String index : new String[] {"users", "tracks", "playlists"}) {
      docsPurged(index, "deleted");
    }
    docsPurged("tracks", "anonymized");
    docsPurged("tracks", "deleted_by_field");
    this.onSuccess =
        Map.of(
            DeletionActivityTypes.MARK_PENDING_DELETION, (arguments, result) -> started.increment(),
            DeletionActivityTypes.RESTORE_ACCOUNT, (arguments, result) -> recovered.increment(),
            DeletionActivityTypes.RECORD_RECEIPT, (arguments, result) -> completed.increment(),
            DeletionActivityTypes.RECORD_PHASE, (arguments, result) -> countPhase(arguments),
            DeletionActivityTypes.PURGE_CACHE, (arguments, result) -> countCachePurge(result),
            DeletionActivityTypes.PURGE_SEARCH, (arguments, result) -> countSearchPurge(result),
            DeletionActivityTypes.PURGE_SEARCH_FROM_SNAPSHOT,
                (arguments, result) -> countSearchPurge(result));
  }

  /** The activity types whose successes are counted beyond their duration. */
  Set<String> countedTypes() {
    return onSuccess.keySet();
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private String workflowType;
      private String activityType;

      @Override
      public void init(ActivityExecutionContext context) {
        workflowType = context.getInfo().getWorkflowType();
        activityType = context.getInfo().getActivityType();
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        if (SWEEP_WORKFLOW_TYPE.equals(workflowType)) {
          // The sweeper's passes unlink the deletions' keys when the sweep is on.
          ActivityOutput output = super.execute(input);
          countSweep(output.getResult());
          return output;
        }
        if (!WORKFLOW_TYPE.equals(workflowType)) {
          return super.execute(input);
        }
        long start = System.nanoTime();
        String outcome = "failure";
        try {
          ActivityOutput output = super.execute(input);
          outcome = "success";
          recordSuccess(activityType, input.getArguments(), output.getResult());
          return output;
        } finally {
          stepTimer(activityType, outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
      }
    };
  }

  private void recordSuccess(String activityType, Object[] arguments, Object result) {
    BiConsumer<Object[], Object> count = onSuccess.get(activityType);
    if (count != null) {
      count.accept(arguments, result);
    }
  }

  private void countPhase(Object[] arguments) {
    if (arguments.length > 0
        && arguments[0] instanceof PhaseChange change
        && change.phase() == DeletionPhase.NEEDS_ATTENTION) {
      needsAttention.increment();
    }
  }

  private void countCachePurge(Object result) {
    if (result instanceof CachePurgeResult cache && !cache.skipped()) {
      keysPurged.increment((double) cache.keysDeleted());
    }
  }

  private void countSweep(Object result) {
    if (result instanceof CacheSweepResult sweep) {
      keysPurged.increment(
          (double) sweep.users().stream().mapToLong(CacheSweepUserCounts::keysDeleted).sum());
    }
  }

  private void countSearchPurge(Object result) {
    if (result instanceof SearchPurgeResult search
        && !search.skipped()
        && search.indices() != null) {
      for (SearchIndexPurged index : search.indices()) {
        docsPurged(index.index(), "deleted").increment((double) index.deleted());
        if (index.anonymized() != null) {
          docsPurged(index.index(), "anonymized").increment((double) index.anonymized());
        }
        countByField(index.index(), index.deletedByField());
      }
    } else if (result instanceof SearchPurgeResult search && !search.skipped()) {
      docsPurged("users", "deleted").increment((double) search.usersDeleted());
      docsPurged("tracks", "deleted").increment((double) search.tracksDeleted());
      docsPurged("tracks", "anonymized").increment((double) search.tracksAnonymized());
      docsPurged("playlists", "deleted").increment((double) search.playlistsDeleted());
      countByField("users", search.usersDeletedByField());
      countByField("tracks", search.tracksDeletedByField());
      countByField("playlists", search.playlistsDeletedByField());
    }
  }

  /** Docs the snapshot did not name, found by owner field: a sign of late or orphaned writes. */
  private void countByField(String index, Long deleted) {
    if (deleted != null) {
      docsPurged(index, "deleted_by_field").increment((double) deleted);
    }
  }

  /**
   * One attempt of a step (activity type, e.g. {@code PurgeCache}); {@code outcome}
   * success|failure.
   */
  private Timer stepTimer(String step, String outcome) {
    return Timer.builder("veza.deletion.step.duration")
        .description("Duration of each activity attempt of the deletion workflow")
        .tag("step", step)
        .tag("outcome", outcome)
        .register(registry);
  }

  /**
   * {@code index} is the index as the erasure map names it (for the reference map users, tracks,
   * playlists), not its configured name: a bounded set, fixed by the map.
   */
  private Counter docsPurged(String index, String action) {
    return Counter.builder("veza.deletion.search.docs.purged")
        .description("Elasticsearch documents deleted, or anonymized (kept public tracks)")
        .tag("index", index)
        .tag("action", action)
        .register(registry);
  }
}
