package com.veza.erasure.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sweeper's and the deletion's side of the cache sweep over scripted activities: batching,
 * answers, fallback. The sweep itself runs against real Redis in activities/.
 */
class CacheSweepWorkflowTest {

  private static final String QUEUE = "erasure-test";

  private TestWorkflowEnvironment env;
  private ScriptedActivities activities;
  private DeletionWorkflowStarter starter;

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    DeletionSearchAttributes.DEFINITIONS.forEach(env::registerSearchAttribute);
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(
        DeletionActivityOptions.withGiveUpAfter(Duration.ofMinutes(2)),
        AccountDeletionWorkflowImpl.class);
    worker.registerWorkflowImplementationTypes(CacheSweepWorkflowImpl.class);
    activities = new ScriptedActivities();
    activities.sweepEnabled = true;
    worker.registerActivitiesImplementations(activities);
    env.start();
    starter = new DeletionWorkflowStarter(env.getWorkflowClient(), QUEUE);
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void givenThreeDeletionsWithinTheWindow_itSweepsThemInOnePassAndAnswersEachWithItsCounts() {
    List<String> users = List.of(user(), user(), user());
    users.forEach(u -> starter.start(erasingNow(u)));

    List<DeletionReceipt> receipts = users.stream().map(this::result).toList();

    assertThat(activities.sweptBatches).hasSize(1);
    assertThat(activities.sweptBatches.get(0)).containsExactlyInAnyOrderElementsOf(users);
    assertThat(receipts)
        .allSatisfy(
            r -> {
              assertThat(r.outcome()).isEqualTo(DeletionPhase.COMPLETED);
              assertThat(r.steps().get(DeletionStep.PURGE_CACHE).counts())
                  .containsEntry("keys_deleted", 154L)
                  .containsEntry("sweep_batch_users", 3L);
              assertThat(r.verification().cacheKeysLeft()).isZero();
            });
    // The sweep's confirming pass is the cache verification: nobody scans alone.
    assertThat(activities.count("purgeCache")).isZero();
    assertThat(activities.count("verifyErasureFromSnapshot")).isZero();
    assertThat(activities.count("verifyErasureAfterCacheSweep")).isEqualTo(3);
  }

  @Test
  void givenAJoinWhileAPassRuns_itIsServedByTheNextPassNeverByTheRunningOne() throws Exception {
    activities.holdSweep = new CountDownLatch(1);
    activities.sweepBatchWindow = Duration.ZERO;
    activities.sweepWaitBound = Duration.ofHours(1);
    String first = user();
    String late = user();
    starter.start(erasingNow(first));
    assertThat(activities.sweepStarted.tryAcquire(30, TimeUnit.SECONDS)).isTrue();

    starter.start(erasingNow(late));
    CacheSweepWorkflow sweeper =
        env.getWorkflowClient()
            .newWorkflowStub(CacheSweepWorkflow.class, CacheSweepWorkflow.WORKFLOW_ID);
    while (sweeper.status().pendingJoins() == 0) {
      Thread.sleep(20);
    }
    assertThat(sweeper.status().sweepingJoins()).isEqualTo(1);
    activities.holdSweep.countDown();

    assertThat(result(first).steps().get(DeletionStep.PURGE_CACHE).counts())
        .containsEntry("sweep_batch_users", 1L);
    assertThat(result(late).steps().get(DeletionStep.PURGE_CACHE).counts())
        .containsEntry("sweep_batch_users", 1L);
    assertThat(activities.sweptBatches).containsExactly(List.of(first), List.of(late));
  }

  @Test
  void givenTheSweepGivesUp_itPurgesAloneAndVerifiesRedisItself() {
    activities.failNext("sweepCacheBatch", Integer.MAX_VALUE);
    // Longer than the sweep's own budget: the answer "not swept", not the bound, ends the wait.
    activities.sweepWaitBound = Duration.ofHours(2);
    String user = user();
    starter.start(erasingNow(user));

    DeletionReceipt receipt = result(user);

    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(receipt.steps().get(DeletionStep.PURGE_CACHE).counts())
        .containsEntry("keys_deleted", 154L)
        .doesNotContainKey("sweep_batch_users");
    assertThat(activities.count("purgeCache")).isEqualTo(1);
    assertThat(activities.count("verifyErasureFromSnapshot")).isEqualTo(1);
    assertThat(receipt.finishedAt())
        .isBefore(receipt.erasureStartedAt().plus(activities.sweepWaitBound));
  }

  @Test
  void givenNoAnswerWithinTheBound_itPurgesAlone() throws Exception {
    activities.holdSweep = new CountDownLatch(1);
    activities.sweepWaitBound = Duration.ofSeconds(1);
    activities.sweepBatchWindow = Duration.ZERO;
    String user = user();
    starter.start(erasingNow(user));

    DeletionReceipt receipt = result(user);
    activities.holdSweep.countDown();

    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(activities.count("purgeCache")).isEqualTo(1);
    assertThat(activities.count("verifyErasureFromSnapshot")).isEqualTo(1);
  }

  @Test
  void givenTheSweepIsOff_itPurgesAloneAsBeforeAndStartsNoSweeper() {
    activities.sweepEnabled = false;
    String user = user();
    starter.start(erasingNow(user));

    DeletionReceipt receipt = result(user);

    assertThat(receipt.steps().get(DeletionStep.PURGE_CACHE).counts())
        .containsOnlyKeys("keys_deleted", "scan_calls");
    assertThat(activities.calls)
        .containsSubsequence("joinCacheSweep", "purgeCache", "verifyErasureFromSnapshot");
    assertThat(activities.count("sweepCacheBatch")).isZero();
  }

  @Test
  void givenASmallHistoryBound_itContinuesAsNewAndKeepsServingJoins() {
    WorkflowClient client = env.getWorkflowClient();
    CacheSweepWorkflow sweeper =
        client.newWorkflowStub(
            CacheSweepWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(CacheSweepWorkflow.WORKFLOW_ID)
                .setTaskQueue(QUEUE)
                .build());
    WorkflowExecution firstRun =
        WorkflowClient.start(sweeper::sweep, new CacheSweepCarry(List.of(), 0, 1));
    for (int i = 0; i < 3; i++) {
      String user = user();
      starter.start(erasingNow(user));
      assertThat(result(user).steps().get(DeletionStep.PURGE_CACHE).counts())
          .containsEntry("sweep_batch_users", 1L);
    }

    // The first run closed by continuing as new after its pass, handing on the pass count. (Later
    // runs may end otherwise here: the test server times out an idle workflow after its default
    // 10-year run timeout as soon as a result wait leaves nothing else to skip to; a real server
    // has no such default, and the next join would start a new sweeper anyway.)
    var firstRunEvents = client.fetchHistory(CacheSweepWorkflow.WORKFLOW_ID, firstRun.getRunId());
    var last = firstRunEvents.getLastEvent();
    assertThat(last.getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    CacheSweepCarry carried =
        DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
            0,
            Optional.of(last.getWorkflowExecutionContinuedAsNewEventAttributes().getInput()),
            CacheSweepCarry.class,
            CacheSweepCarry.class);
    assertThat(carried.passes()).isEqualTo(1);
    assertThat(carried.continueAsNewAfterEvents()).isEqualTo(1);
    assertThat(activities.sweptBatches).hasSize(3);
  }

  private static String user() {
    return UUID.randomUUID().toString();
  }

  private DeletionRequest erasingNow(String userId) {
    return new DeletionRequest(
        userId, true, "user", Instant.ofEpochMilli(env.currentTimeMillis()), Duration.ZERO);
  }

  private DeletionReceipt result(String userId) {
    return starter.untyped(userId).getResult(DeletionReceipt.class);
  }
}
