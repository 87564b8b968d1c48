package com.veza.erasure.export;

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
 * Every recorded export history must replay on the current workflow code (see
 * AccountDeletionReplayTest).
 */
class DataExportReplayTest {

  static List<Path> histories() throws IOException {
    Path dir = Path.of("src/test/resources/histories");
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> found =
          files.filter(p -> p.getFileName().toString().startsWith("export-")).sorted().toList();
      assertThat(found).as("recorded export histories in " + dir).isNotEmpty();
      return found;
    }
  }

  /** The v2 histories guard the cancel path and the version marker every new run records. */
  @Test
  void givenTheRecordedHistories_itFindsExpiringACancelledExport() throws Exception {
    List<String> names = histories().stream().map(p -> p.getFileName().toString()).toList();
    assertThat(names)
        .contains(
            "export-v2-expired.json",
            "export-v2-email-failed.json",
            "export-v2-build-failed.json",
            "export-v2-cancelled-during-link.json");
    assertThat(
            RecordedHistories.changeIds(
                RecordedHistories.read("export-v2-cancelled-during-link.json")))
        .contains(DataExportWorkflowImpl.EXPIRE_WHEN_CANCELLED);
  }

  @ParameterizedTest
  @MethodSource("histories")
  void givenARecordedHistory_whenReplayedOnCurrentCode_itReplaysWithoutNondeterminism(Path history)
      throws Exception {
    WorkflowExecutionHistory recorded =
        WorkflowExecutionHistory.fromJson(Files.readString(history));
    // The workflow checks its id against the export id in its input, so replay under the real id.
    var input =
        recorded.getHistory().getEvents(0).getWorkflowExecutionStartedEventAttributes().getInput();
    ExportRequest request =
        DefaultDataConverter.newDefaultInstance()
            .fromPayload(input.getPayloads(0), ExportRequest.class, ExportRequest.class);
    WorkflowReplayer.replayWorkflowExecution(
        new WorkflowExecutionHistory(
            recorded.getHistory(), DataExportWorkflow.workflowId(request.exportId())),
        DataExportWorkflowImpl.class);
  }
}
