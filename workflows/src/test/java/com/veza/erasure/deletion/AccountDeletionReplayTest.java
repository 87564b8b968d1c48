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
   * Each change id is recorded by exactly the histories of the versions that have it: v3, v5 and
   * later carry {@code recover-before-erasure}, v4 and later {@code ordered-phase-writes}; v6 and
   * later {@code content-snapshot} in the scenarios that reach erasure; v10 and v13 {@code
   * cache-sweep} (in those that erase); v12 and v13 {@code third-party-references} (in those that
   * erase) and {@code notify-user} (in every one). v10 and v12 were recorded side by side, each
   * without the other's change; v13 is the code since all of them; v14 adds no change id (its
   * search results carry counts per map index, which the step counts read from the recorded result,
   * not from a version). Each version has the scenarios of its paths.
   */
  @Test
  void givenTheRecordedHistories_itFindsEachChangeIdInExactlyTheVersionsThatHaveIt()
      throws Exception {
    List<String> names = new ArrayList<>();
    for (Path history : histories()) {
      String name = history.getFileName().toString();
      names.add(name);
      List<String> ids = RecordedHistories.changeIds(RecordedHistories.read(name));
      int version = Integer.parseInt(name.replaceAll("^deletion-v(\\d+)-.*$", "$1"));
      boolean recoverBeforeErasure = version == 3 || version >= 5;
      boolean orderedPhaseWrites = version >= 4;
      // A run that recovers never collects content, so it records no erasure-time markers.
      boolean erases =
          !name.contains("-recovered") && !name.contains("-cancelled-during-mark-pending");
      boolean sweep = version == 10 || version >= 13;
      boolean notices = version == 12 || version >= 13;
      assertThat(ids.contains(AccountDeletionWorkflowImpl.RECOVER_BEFORE_ERASURE))
          .as("%s holds %s", name, AccountDeletionWorkflowImpl.RECOVER_BEFORE_ERASURE)
          .isEqualTo(recoverBeforeErasure);
      assertThat(ids.contains(AccountDeletionWorkflowImpl.ORDERED_PHASE_WRITES))
          .as("%s holds %s", name, AccountDeletionWorkflowImpl.ORDERED_PHASE_WRITES)
          .isEqualTo(orderedPhaseWrites);
      assertThat(ids.contains(AccountDeletionWorkflowImpl.CONTENT_SNAPSHOT))
          .as("%s holds %s", name, AccountDeletionWorkflowImpl.CONTENT_SNAPSHOT)
          .isEqualTo(version >= 6 && erases);
      assertThat(ids.contains(AccountDeletionWorkflowImpl.CACHE_SWEEP))
          .as("%s holds %s", name, AccountDeletionWorkflowImpl.CACHE_SWEEP)
          .isEqualTo(sweep && erases);
      assertThat(ids.contains(AccountDeletionWorkflowImpl.THIRD_PARTY_REFERENCES))
          .as("%s holds %s", name, AccountDeletionWorkflowImpl.THIRD_PARTY_REFERENCES)
          .isEqualTo(notices && erases);
      assertThat(ids.contains(AccountDeletionWorkflowImpl.NOTIFY_USER))
          .as("%s holds %s", name, AccountDeletionWorkflowImpl.NOTIFY_USER)
          .isEqualTo(notices);
    }
    assertThat(names)
        .contains(
            "deletion-v3-cancelled-during-mark-pending.json",
            "deletion-v3-recovered-while-parked.json",
            "deletion-v4-cancelled-while-erasing.json",
            "deletion-v4-phase-writes-during-outage.json");
    for (String scenario : RecordDeletionHistories.scenarioNamesUpTo(6)) {
      assertThat(names)
          .contains(
              "deletion-v5-" + scenario + ".json",
              "deletion-v6-" + scenario + ".json",
              "deletion-v10-" + scenario + ".json",
              "deletion-v12-" + scenario + ".json");
    }
    for (String scenario : RecordDeletionHistories.cacheSweepScenarioNames()) {
      assertThat(names).contains("deletion-v10-" + scenario + ".json");
    }
    assertThat(names).contains("deletion-v12-notices-given-up.json");
    for (String scenario : RecordDeletionHistories.scenarioNames()) {
      assertThat(names)
          .contains("deletion-v13-" + scenario + ".json", "deletion-v14-" + scenario + ".json");
    }
  }

  /**
   * The step counts of a search purge are built from its recorded result: per map index since v14,
   * from the fixed users/tracks/playlists fields before. Both kinds replay above; this keeps each
   * version holding the kind it stands for.
   */
  @Test
  void givenTheCompletedHistories_itHoldsFixedSearchCountsUpToV13AndPerIndexCountsSince()
      throws Exception {
    for (String version : List.of("v13", "v14")) {
      List<SearchPurgeResult> results =
          RecordedHistories.resultsOf(
              RecordedHistories.read("deletion-" + version + "-completed.json"),
              DeletionActivityTypes.PURGE_SEARCH_FROM_SNAPSHOT,
              SearchPurgeResult.class);
      assertThat(results).as(version).isNotEmpty();
      assertThat(results)
          .as(version)
          .allSatisfy(
              result ->
                  assertThat(result.indices() != null)
                      .as(version + " per-index counts")
                      .isEqualTo(version.equals("v14")));
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
