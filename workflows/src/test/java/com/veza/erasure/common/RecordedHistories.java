package com.veza.erasure.common;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The committed histories the replay tests guard, in {@code src/test/resources/histories}. */
public final class RecordedHistories {

  public static final Path DIR = Path.of("src/test/resources/histories");

  private RecordedHistories() {}

  public static WorkflowExecutionHistory read(String name) throws IOException {
    return WorkflowExecutionHistory.fromJson(Files.readString(DIR.resolve(name)));
  }

  /** The results of the completed attempts of activities of {@code activityType}, in order. */
  public static <T> List<T> resultsOf(
      WorkflowExecutionHistory history, String activityType, Class<T> type) {
    Map<Long, String> scheduled = new HashMap<>();
    List<T> results = new ArrayList<>();
    for (HistoryEvent event : history.getEvents()) {
      if (event.hasActivityTaskScheduledEventAttributes()) {
        scheduled.put(
            event.getEventId(),
            event.getActivityTaskScheduledEventAttributes().getActivityType().getName());
      } else if (event.hasActivityTaskCompletedEventAttributes()) {
        var completed = event.getActivityTaskCompletedEventAttributes();
        if (activityType.equals(scheduled.get(completed.getScheduledEventId()))
            && completed.hasResult()) {
          results.add(
              DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
                  0, Optional.of(completed.getResult()), type, type));
        }
      }
    }
    return results;
  }

  /** The change ids of the version markers a history recorded. */
  public static List<String> changeIds(WorkflowExecutionHistory history) {
    return history.getEvents().stream()
        .filter(HistoryEvent::hasMarkerRecordedEventAttributes)
        .map(e -> e.getMarkerRecordedEventAttributes().getDetailsMap().get("changeId"))
        .filter(Objects::nonNull)
        .map(
            ids ->
                DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
                    0, Optional.of(ids), String.class, String.class))
        .toList();
  }
}
