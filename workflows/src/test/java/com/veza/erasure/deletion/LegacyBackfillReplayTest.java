package com.veza.erasure.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.common.RecordedHistories;
import com.veza.erasure.deletion.backfill.LegacyBackfillWorkflowImpl;
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
 * The recorded backfill histories ({@link RecordBackfillHistories}) replay on the current code: the
 * passes on the backfill workflow, the deletions it starts (with an original deadline) on the
 * deletion workflow.
 */
class LegacyBackfillReplayTest {

  static List<Path> histories() throws IOException {
    try (Stream<Path> files = Files.list(RecordedHistories.DIR)) {
      List<Path> found =
          files.filter(p -> p.getFileName().toString().startsWith("backfill-")).sorted().toList();
      assertThat(found).as("recorded backfill histories").isNotEmpty();
      return found;
    }
  }

  @Test
  void givenTheRecordedHistories_itHasPassesAndDeletionsWithAnOriginalDeadline() throws Exception {
    assertThat(histories().stream().map(p -> p.getFileName().toString()))
        .contains(
            "backfill-v1-completed.json",
            "backfill-v1-retried.json",
            "backfill-v1-deletion-past-deadline.json",
            "backfill-v1-deletion-future-deadline.json");
    for (Path history : histories()) {
      WorkflowExecutionHistory recorded = RecordedHistories.read(history.getFileName().toString());
      if (isDeletion(recorded)) {
        assertThat(requestOf(recorded).originalDeadline()).as(history.toString()).isNotNull();
      }
      // No user id in a pass's history: its input and result are counts.
      if (!isDeletion(recorded)) {
        assertThat(recorded.toJson(false)).doesNotContain("account-deletion-");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("histories")
  void givenARecordedHistory_whenReplayedOnCurrentCode_itReplaysWithoutNondeterminism(Path history)
      throws Exception {
    WorkflowExecutionHistory recorded =
        WorkflowExecutionHistory.fromJson(Files.readString(history));
    if (isDeletion(recorded)) {
      WorkflowReplayer.replayWorkflowExecution(
          new WorkflowExecutionHistory(
              recorded.getHistory(),
              AccountDeletionWorkflow.workflowId(requestOf(recorded).userId())),
          AccountDeletionWorkflowImpl.class);
    } else {
      WorkflowReplayer.replayWorkflowExecution(recorded, LegacyBackfillWorkflowImpl.class);
    }
  }

  private static boolean isDeletion(WorkflowExecutionHistory history) {
    return history
        .getHistory()
        .getEvents(0)
        .getWorkflowExecutionStartedEventAttributes()
        .getWorkflowType()
        .getName()
        .equals("AccountDeletionWorkflow");
  }

  private static DeletionRequest requestOf(WorkflowExecutionHistory history) {
    var input =
        history.getHistory().getEvents(0).getWorkflowExecutionStartedEventAttributes().getInput();
    return DefaultDataConverter.newDefaultInstance()
        .fromPayload(input.getPayloads(0), DeletionRequest.class, DeletionRequest.class);
  }
}
