package com.veza.erasure.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded sweeper history must replay on the current code (see AccountDeletionReplayTest).
 */
class CacheSweepReplayTest {

  static List<Path> histories() throws IOException {
    Path dir = Path.of("src/test/resources/histories");
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> found =
          files
              .filter(p -> p.getFileName().toString().startsWith("cache-sweep-"))
              .sorted()
              .toList();
      assertThat(found).as("recorded cache sweep histories in " + dir).isNotEmpty();
      return found;
    }
  }

  @ParameterizedTest
  @MethodSource("histories")
  void givenARecordedHistory_whenReplayedOnCurrentCode_itReplaysWithoutNondeterminism(Path history)
      throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        WorkflowExecutionHistory.fromJson(Files.readString(history)), CacheSweepWorkflowImpl.class);
  }

  /** v1 has every scenario, and the one that continues as new did. */
  @Test
  void givenTheRecordedHistories_itHasEveryScenarioAndAContinueAsNew() throws Exception {
    List<String> names = histories().stream().map(p -> p.getFileName().toString()).toList();
    for (String scenario : RecordCacheSweepHistories.scenarioNames()) {
      assertThat(names).contains("cache-sweep-v1-" + scenario + ".json");
    }
    WorkflowExecutionHistory continued =
        WorkflowExecutionHistory.fromJson(
            Files.readString(
                Path.of("src/test/resources/histories/cache-sweep-v1-continued-as-new.json")));
    assertThat(continued.getLastEvent().getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
  }
}
