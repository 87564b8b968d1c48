package com.veza.erasure.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.common.RecordedHistories;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
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
  void recordedHistoryReplaysOnCurrentCode(Path history) throws Exception {
    WorkflowExecutionHistory recorded =
        WorkflowExecutionHistory.fromJson(Files.readString(history));
    // The workflow checks that its id belongs to the user in its input, so replay under the real
    // id.
    WorkflowExecutionHistory withId =
        new WorkflowExecutionHistory(recorded.getHistory(), workflowIdOf(recorded));
    WorkflowReplayer.replayWorkflowExecution(withId, AccountDeletionWorkflowImpl.class);
  }

  /**
   * Every versioned path has a recorded history to guard it: a v4 history of each scenario,
   * including a cancel after erasure started and phase writes through a ledger outage.
   */
  @Test
  void theRecordedHistoriesCoverTheOrderedPhaseWritesPaths() throws Exception {
    List<String> names = histories().stream().map(p -> p.getFileName().toString()).toList();
    List<String> v4 =
        List.of(
            "deletion-v4-completed.json",
            "deletion-v4-recovered.json",
            "deletion-v4-needs-attention-retried.json",
            "deletion-v4-cancelled-while-erasing.json",
            "deletion-v4-phase-writes-during-outage.json");
    assertThat(names).containsAll(v4);
    for (String name : v4) {
      assertThat(RecordedHistories.changeIds(RecordedHistories.read(name)))
          .as(name)
          .contains(AccountDeletionWorkflowImpl.ORDERED_PHASE_WRITES);
    }
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
