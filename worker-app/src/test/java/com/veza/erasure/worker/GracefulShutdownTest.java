package com.veza.erasure.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.deletion.DeletionPhase;
import com.veza.erasure.deletion.DeletionReceipt;
import com.veza.erasure.deletion.DeletionStep;
import com.veza.erasure.deletion.StepState;
import com.veza.erasure.testing.TcpProxy;
import com.veza.erasure.testing.TestRedis;
import io.dropwizard.testing.DropwizardTestSupport;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stopping the app (a deploy, a scale-down) while an activity runs: the attempt in flight finishes
 * and reports during the drain, nothing polls afterwards, and the next app picks the deletion up.
 */
class GracefulShutdownTest {

  private static final Duration GRACE = Duration.ofSeconds(30);

  @RegisterExtension static final WorkerWorld world = new WorkerWorld();

  private TcpProxy redisLink;
  private String[] config;

  @BeforeEach
  void setUp() {
    TestRedis redis = TestRedis.shared();
    redisLink = TcpProxy.start(redis.host(), redis.port());
    config =
        new String[] {
          "redis.enabled", "true",
          "redis.uri", "redis://127.0.0.1:" + redisLink.port(),
          // Long enough that the stalled purge is still waiting when Redis answers again.
          "redis.commandTimeout", "PT20S",
          "temporal.shutdownGracePeriod", GRACE.toString(),
          // A real server hands a stopped worker's sticky workflow tasks to others after 5 s (and
          // at
          // once on the SDK's ShutdownWorker call); the test server never does, so no stickiness
          // here.
          "temporal.stickyScheduleToStartTimeout", "PT0S"
        };
  }

  @AfterEach
  void tearDown() {
    redisLink.close();
  }

  @Test
  void givenAPurgeRunning_whenTheAppStops_itLetsItFinishAndTheNextAppCompletesTheDeletion()
      throws Exception {
    UUID user = UUID.randomUUID();
    TestRedis redis = TestRedis.shared();
    WorkerWorld.seedUser(world.jdbi(), user);
    WorkerWorld.seedRedisKeys(redis.host(), redis.port(), user, 20);
    DropwizardTestSupport<WorkerConfiguration> first = world.app(config);
    first.before();

    // Redis hangs: the purge's attempt is in flight, waiting on it.
    redisLink.stall();
    world.starter().start(world.request(user, Duration.ofSeconds(1)));
    WorkerWorld.await(
        "the PurgeCache attempt to be running",
        Duration.ofSeconds(60),
        () ->
            pendingPurge(user)
                .filter(a -> a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED)
                .isPresent());

    // Stop the app; Redis answers again a second into the drain.
    Thread redisBack =
        new Thread(
            () -> {
              sleep(Duration.ofSeconds(1));
              redisLink.restore();
            });
    redisBack.start();
    long stopStarted = System.nanoTime();
    first.after();
    Duration stopTook = Duration.ofNanos(System.nanoTime() - stopStarted);
    redisBack.join();

    // The stop waited for the attempt (not cut short, not run into the grace period) ...
    assertThat(stopTook).isBetween(Duration.ofMillis(900), GRACE);
    // ... which finished its work and reported it: the keys are gone and no attempt is outstanding.
    assertThat(WorkerWorld.redisKeysOf(redis.host(), redis.port(), user)).isZero();
    assertThat(pendingPurge(user)).isEmpty();
    assertThat(world.ledgerPhase(user)).isEqualTo("ERASING");

    // Nothing polls now. The next app finishes the deletion from where it stopped.
    DropwizardTestSupport<WorkerConfiguration> second = world.app(config);
    second.before();
    try {
      DeletionReceipt receipt = world.result(user, Duration.ofSeconds(90));

      assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
      assertThat(receipt.verification().clean()).isTrue();
      assertThat(receipt.steps().get(DeletionStep.PURGE_CACHE).state())
          .isEqualTo(StepState.SUCCEEDED);
      assertThat(receipt.steps().get(DeletionStep.PURGE_CACHE).failures()).isZero();
      assertThat(receipt.steps().get(DeletionStep.PURGE_CACHE).counts())
          .containsEntry("keys_deleted", 20L);
      assertThat(receipt.steps().get(DeletionStep.PURGE_SEARCH).state())
          .isEqualTo(StepState.SKIPPED);
      assertThat(world.ledgerPhase(user)).isEqualTo("COMPLETED");
    } finally {
      second.after();
    }
  }

  private Optional<PendingActivityInfo> pendingPurge(UUID user) {
    return world
        .starter()
        .untyped(user.toString())
        .describe()
        .getRawDescription()
        .getPendingActivitiesList()
        .stream()
        .filter(a -> a.getActivityType().getName().equals("PurgeCache"))
        .findFirst();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
