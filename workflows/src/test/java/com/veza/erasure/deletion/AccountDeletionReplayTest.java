package com.veza.erasure.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.common.RecordedHistories;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

  /**
   * Each change id is recorded by exactly the histories of the versions that have it: v3, v5 and v6
   * carry {@code recover-before-erasure}, v4, v5 and v6 {@code ordered-phase-writes} (v5 is the
   * code since both), v6 and v10 {@code content-snapshot}, v10 alone {@code cache-sweep} (the code
   * since all four) in the scenarios that reach erasure, and each has the scenarios of its new
   * paths.
   */
  @Test
  void givenTheRecordedHistories_itFindsEachChangeIdInExactlyTheVersionsThatHaveIt()
      throws Exception {
    List<String> names = new ArrayList<>();
    for (Path history : histories()) {
      String name = history.getFileName().toString();
      names.add(name);
      List<String> ids = RecordedHistories.changeIds(RecordedHistories.read(name));
      boolean v10 = name.startsWith("deletion-v10-");
      boolean v6 = name.startsWith("deletion-v6-") || v10;
      boolean recoverBeforeErasure =
          name.startsWith("deletion-v3-") || name.startsWith("deletion-v5-") || v6;
      boolean orderedPhaseWrites =
          name.startsWith("deletion-v4-") || name.startsWith("deletion-v5-") || v6;
      assertThat(ids.contains(AccountDeletionWorkflowImpl.RECOVER_BEFORE_ERASURE))
          .as("%s holds %s", name, AccountDeletionWorkflowImpl.RECOVER_BEFORE_ERASURE)
          .isEqualTo(recoverBeforeErasure);
      assertThat(ids.contains(AccountDeletionWorkflowImpl.ORDERED_PHASE_WRITES))
          .as("%s holds %s", name, AccountDeletionWorkflowImpl.ORDERED_PHASE_WRITES)
          .isEqualTo(orderedPhaseWrites);
      // A run that recovers never collects content, so it records no content-snapshot marker.
      boolean erases =
          !name.contains("-recovered") && !name.contains("-cancelled-during-mark-pending");
      assertThat(ids.contains(AccountDeletionWorkflowImpl.CONTENT_SNAPSHOT))
          .as("%s holds %s", name, AccountDeletionWorkflowImpl.CONTENT_SNAPSHOT)
          .isEqualTo(v6 && erases);
      assertThat(ids.contains(AccountDeletionWorkflowImpl.CACHE_SWEEP))
          .as("%s holds %s", name, AccountDeletionWorkflowImpl.CACHE_SWEEP)
          .isEqualTo(v10 && erases);
    }
    assertThat(names)
        .contains(
            "deletion-v3-cancelled-during-mark-pending.json",
            "deletion-v3-recovered-while-parked.json",
            "deletion-v4-cancelled-while-erasing.json",
            "deletion-v4-phase-writes-during-outage.json");
    for (String scenario : RecordDeletionHistories.scenarioNames()) {
      assertThat(names).contains("deletion-v10-" + scenario + ".json");
      if (!RecordDeletionHistories.cacheSweepScenarioNames().contains(scenario)) {
        assertThat(names)
            .contains("deletion-v5-" + scenario + ".json", "deletion-v6-" + scenario + ".json");
      }
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
