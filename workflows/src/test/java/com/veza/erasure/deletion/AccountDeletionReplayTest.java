package com.veza.erasure.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
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

  private static String workflowIdOf(WorkflowExecutionHistory history) {
    var input =
        history.getHistory().getEvents(0).getWorkflowExecutionStartedEventAttributes().getInput();
    DeletionRequest request =
        DefaultDataConverter.newDefaultInstance()
            .fromPayload(input.getPayloads(0), DeletionRequest.class, DeletionRequest.class);
    return AccountDeletionWorkflow.workflowId(request.userId());
  }
}
