package com.veza.erasure.deletion.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the worker creates in Temporal: Temporal's test server has no schedules to run it on. */
class LegacyBackfillScheduleTest {

  @Test
  void givenAnInterval_itStartsTheBackfillWorkflowEveryIntervalAndSkipsOverlaps() {
    Schedule schedule =
        LegacyBackfillSchedule.of(Duration.ofMinutes(30), new BackfillInput(200), "erasure");

    assertThat(schedule.getSpec().getIntervals())
        .containsExactly(new ScheduleIntervalSpec(Duration.ofMinutes(30)));
    assertThat(schedule.getSpec().getCronExpressions()).isNullOrEmpty();
    assertThat(schedule.getPolicy().getOverlap())
        .isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
    assertThat(schedule.getPolicy().getCatchupWindow()).isEqualTo(Duration.ofMinutes(30));

    ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) schedule.getAction();
    assertThat(action.getWorkflowType()).isEqualTo("LegacyBackfillWorkflow");
    assertThat(action.getOptions().getWorkflowId()).isEqualTo("legacy-backfill-scheduled");
    assertThat(action.getOptions().getTaskQueue()).isEqualTo("erasure");
    assertThat(action.getArguments().get(0, BackfillInput.class, BackfillInput.class))
        .isEqualTo(new BackfillInput(200));
    assertThat(LegacyBackfillSchedule.SCHEDULE_ID).isEqualTo("legacy-backfill");
  }

  @Test
  void givenAnIntervalUnderAMinuteOrABadPageSize_itRefusesToBuildIt() {
    assertThatThrownBy(
            () -> LegacyBackfillSchedule.of(Duration.ofSeconds(30), new BackfillInput(1), "q"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interval");
    for (int pageSize : List.of(0, BackfillInput.MAX_PAGE_SIZE + 1)) {
      assertThatThrownBy(
              () ->
                  LegacyBackfillSchedule.of(Duration.ofHours(1), new BackfillInput(pageSize), "q"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("page size");
    }
  }
}
