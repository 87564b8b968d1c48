package com.veza.erasure.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.common.ActivityTypes;
import com.veza.erasure.export.ExportCleanupActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Per-type overrides are keyed by activity type names: a key no activity has is never applied. */
class DeletionActivityOptionsTest {

  /** The activity interfaces AccountDeletionWorkflowImpl builds stubs of. */
  private static final List<Class<?>> WORKFLOW_ACTIVITIES =
      List.of(
          AccountActivities.class,
          LedgerActivities.class,
          CacheActivities.class,
          SearchActivities.class,
          VerificationActivities.class,
          ExportCleanupActivities.class,
          ReferenceActivities.class,
          NotificationActivities.class,
          NoticeOutboxActivities.class,
          CacheSweepJoinActivities.class);

  private static final Duration BUDGET = Duration.ofMinutes(2);

  private final Map<String, ActivityOptions> perType =
      DeletionActivityOptions.withGiveUpAfter(BUDGET).getActivityOptions();

  @Test
  void givenTheWorkflowsActivityInterfaces_whenOverridesAreBuilt_itCoversEveryActivityAndNoOther() {
    Set<String> withBudget = new TreeSet<>(ActivityTypes.typesOf(WORKFLOW_ACTIVITIES));
    // Phase writes are retried until they land: an override would give them a budget. A join
    // that fails falls back: it keeps its short budget.
    withBudget.remove(DeletionActivityTypes.RECORD_PHASE);
    withBudget.remove(DeletionActivityTypes.JOIN_CACHE_SWEEP);
    assertThat(perType.keySet()).containsExactlyInAnyOrderElementsOf(withBudget);
    assertThat(DeletionActivityTypes.all())
        .containsExactlyInAnyOrderElementsOf(ActivityTypes.typesOf(WORKFLOW_ACTIVITIES));
  }

  @Test
  void givenTheRecordedHistories_whenTheirActivitiesAreListed_itHasAnOverrideForEach()
      throws IOException {
    Set<String> scheduled = new TreeSet<>();
    for (Path history : AccountDeletionReplayTest.histories()) {
      for (HistoryEvent event :
          WorkflowExecutionHistory.fromJson(Files.readString(history)).getEvents()) {
        if (event.hasActivityTaskScheduledEventAttributes()) {
          scheduled.add(
              event.getActivityTaskScheduledEventAttributes().getActivityType().getName());
        }
      }
    }

    assertThat(scheduled).isNotEmpty().contains(DeletionActivityTypes.RECORD_PHASE);
    scheduled.remove(DeletionActivityTypes.RECORD_PHASE);
    scheduled.remove(DeletionActivityTypes.JOIN_CACHE_SWEEP);
    assertThat(perType.keySet()).containsAll(scheduled);
    assertThat(perType).doesNotContainKey(DeletionActivityTypes.RECORD_PHASE);
  }

  @Test
  void givenAGiveUpBudget_whenOverridesAreBuilt_itKeepsEachKindsOptionsWithinThatBudget() {
    assertThat(perType.values())
        .allSatisfy(
            options -> {
              assertThat(options.getScheduleToCloseTimeout()).isEqualTo(BUDGET);
              assertThat(options.getStartToCloseTimeout()).isLessThanOrEqualTo(BUDGET);
            });
    assertThat(perType.get(DeletionActivityTypes.PURGE_CACHE).getHeartbeatTimeout())
        .isEqualTo(DeletionActivityOptions.REDIS.getHeartbeatTimeout());
    assertThat(perType.get(DeletionActivityTypes.PURGE_SEARCH).getRetryOptions())
        .isEqualTo(DeletionActivityOptions.SEARCH.getRetryOptions());
    assertThat(perType.get(DeletionActivityTypes.RECORD_RECEIPT).getRetryOptions())
        .isEqualTo(DeletionActivityOptions.POSTGRES.getRetryOptions());
    assertThat(perType.get(DeletionActivityTypes.NOTIFY_COMPLETED).getRetryOptions())
        .isEqualTo(DeletionActivityOptions.NOTIFY.getRetryOptions());
  }

  @Test
  void givenAGiveUpBudgetLongerThanANoticesBound_whenOverridesAreBuilt_itKeepsTheNoticesBound() {
    Map<String, ActivityOptions> daily =
        DeletionActivityOptions.withGiveUpAfter(Duration.ofDays(2)).getActivityOptions();

    assertThat(daily.get(DeletionActivityTypes.NOTIFY_COMPLETED).getScheduleToCloseTimeout())
        .isEqualTo(DeletionActivityOptions.NOTIFY.getScheduleToCloseTimeout());
    assertThat(
            daily
                .get(DeletionActivityTypes.NOTIFY_COMPLETED)
                .getRetryOptions()
                .getMaximumAttempts())
        .isEqualTo(8);
    assertThat(daily.get(DeletionActivityTypes.RECORD_RECEIPT).getScheduleToCloseTimeout())
        .isEqualTo(Duration.ofDays(2));
  }
}
