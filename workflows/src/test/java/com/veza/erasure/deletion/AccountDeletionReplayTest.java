package com.veza.erasure.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded history must replay on the current workflow code: a change that breaks one is a
 * non-deterministic change to a released workflow and needs {@code Workflow.getVersion}.
 */
class AccountDeletionReplayTest {

  static List<Path> histories() throws IOException {
    Path dir = Path.of("src/test/resources/histories");
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> found =
          files.filter(p -> p.getFileName().toString().startsWith("deletion-")).sorted().toList();
      assertThat(found).as("recorded deletion histories in " + dir).isNotEmpty();
      return found;
    }
  }

  @ParameterizedTest
  @MethodSource("histories")
  void givenARecordedHistory_whenReplayedOnCurrentCode_itReplaysWithoutNondeterminism(Path history)
      throws Exception {
    WorkflowExecutionHistory recorded =
        WorkflowExecutionHistory.fromJson(Files.readString(history));
    // The workflow checks that its id belongs to the user in its input, so replay under the real
    // id.
    WorkflowExecutionHistory withId =
        new WorkflowExecutionHistory(recorded.getHistory(), workflowIdOf(recorded));
    WorkflowReplayer.replayWorkflowExecution(withId, AccountDeletionWorkflowImpl.class);
  }

  /** v3 histories take the v3 paths (cancel during MARK_PENDING, recovery while parked). */
  @Test
  void givenTheRecordedHistories_itFindsTheRecoverBeforeErasureMarkerInExactlyTheV3Ones()
      throws Exception {
    List<Path> v3 = new ArrayList<>();
    for (Path history : histories()) {
      boolean isV3 = history.getFileName().toString().startsWith("deletion-v3-");
      if (isV3) {
        v3.add(history);
      }
      assertThat(changeIds(WorkflowExecutionHistory.fromJson(Files.readString(history))))
          .as(history.getFileName().toString())
          .matches(
              ids -> ids.contains(AccountDeletionWorkflowImpl.RECOVER_BEFORE_ERASURE) == isV3,
              "holds " + AccountDeletionWorkflowImpl.RECOVER_BEFORE_ERASURE + " iff v3");
    }
    assertThat(v3)
        .extracting(p -> p.getFileName().toString())
        .contains(
            "deletion-v3-cancelled-during-mark-pending.json",
            "deletion-v3-recovered-while-parked.json");
  }

  private static List<String> changeIds(WorkflowExecutionHistory history) {
    DataConverter converter = DefaultDataConverter.newDefaultInstance();
    return history.getEvents().stream()
        .filter(HistoryEvent::hasMarkerRecordedEventAttributes)
        .map(e -> e.getMarkerRecordedEventAttributes().getDetailsMap().get("changeId"))
        .filter(Objects::nonNull)
        .map(p -> converter.fromPayload(p.getPayloads(0), String.class, String.class))
        .toList();
  }

  private static String workflowIdOf(WorkflowExecutionHistory history) {
    var input =
        history.getHistory().getEvents(0).getWorkflowExecutionStartedEventAttributes().getInput();
    DeletionRequest request =
        DefaultDataConverter.newDefaultInstance()
            .fromPayload(input.getPayloads(0), DeletionRequest.class, DeletionRequest.class);
    return AccountDeletionWorkflow.workflowId(request.userId());
  }
}
