package com.veza.erasure.activities.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.deletion.DeletionPhase;
import com.veza.erasure.deletion.DeletionReceipt;
import com.veza.erasure.deletion.DeletionRequest;
import com.veza.erasure.deletion.DeletionStep;
import com.veza.erasure.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cache sweep end to end: deletion workflows, the sweeper workflow and the real activities on
 * real PostgreSQL, Redis, Elasticsearch and Temporal's test server.
 */
class CacheSweepEndToEndTest {

  private DeletionWorld world;
  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;
  private RedisCommands<String, String> redis;

  @BeforeEach
  void setUp() {
    client = RedisClient.create(TestRedis.shared().uri());
    connection = client.connect();
    redis = connection.sync();
    world = new DeletionWorld(Duration.ofMinutes(10));
    world.enableSweep(
        CacheSweepSettings.enabledWithDefaults().withWaitBound(Duration.ofMinutes(30)));
  }

  @AfterEach
  void tearDown() throws Exception {
    connection.close();
    client.shutdown();
    world.close();
  }

  @Test
  void givenABatchOfDeletions_whenTheirWindowsEnd_itServesThemWithOneSweepAndGivesEachItsOwnCounts()
      throws Exception {
    List<UUID> users = seed(3);
    List<String> neighbours = SweepNeighbours.of(users);
    redis.mset(UserKeys.asValues(neighbours));
    Map<String, byte[]> before = SweepNeighbours.dump(redis, neighbours);
    world.startWorker(true);
    long scansBefore = SweepNeighbours.scanCalls(redis.info("commandstats"));

    users.forEach(u -> world.starter.start(world.request(u, false)));
    world.temporal.sleep(Duration.ofDays(31));
    List<DeletionReceipt> receipts = users.stream().map(world::result).toList();
    long scans = SweepNeighbours.scanCalls(redis.info("commandstats")) - scansBefore;

    assertThat(receipts)
        .allSatisfy(
            r -> {
              assertThat(r.outcome()).isEqualTo(DeletionPhase.COMPLETED);
              assertThat(r.steps().get(DeletionStep.PURGE_CACHE).counts())
                  .containsEntry("keys_deleted", 154L)
                  .containsEntry("sweep_batch_users", 3L)
                  .containsEntry("scan_calls", scans);
              assertThat(r.verification().cacheKeysLeft()).isZero();
            });
    // Every SCAN of the three erasures was the sweep's own two passes: no per-user pass, neither
    // to purge nor to verify.
    assertThat(scans).isPositive();
    users.forEach(u -> assertThat(world.redisKeys("user:" + u + ":*")).isZero());
    assertThat(SweepNeighbours.changed(redis, before)).isEmpty();
  }

  @Test
  void givenADeletionJoiningWhileAPassRuns_itIsServedByTheNextPassNotTheRunningOne()
      throws Exception {
    List<UUID> users = seed(2);
    UUID first = users.get(0);
    UUID late = users.get(1);
    world.enableSweep(quickSweep());
    CountDownLatch passRunning = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    world.afterSweepPage.set(
        page -> {
          passRunning.countDown();
          await(release);
        });
    world.startWorker(true);

    world.starter.start(erasingNow(first));
    DeletionReceipt[] receipts = new DeletionReceipt[2];
    Thread waiter = new Thread(() -> receipts[0] = world.result(first));
    waiter.start();
    assertThat(passRunning.await(60, TimeUnit.SECONDS)).isTrue();
    world.starter.start(erasingNow(late));
    while (world.sweeper().status().pendingJoins() == 0) {
      Thread.sleep(50);
    }
    assertThat(world.sweeper().status().sweepingJoins()).isEqualTo(1);
    world.afterSweepPage.set(null);
    release.countDown();
    waiter.join(TimeUnit.SECONDS.toMillis(90));
    receipts[1] = world.result(late);

    for (DeletionReceipt receipt : receipts) {
      assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
      // Each pass served one user; the late user's keys were all still there for the second.
      assertThat(receipt.steps().get(DeletionStep.PURGE_CACHE).counts())
          .containsEntry("sweep_batch_users", 1L)
          .containsEntry("keys_deleted", 154L);
    }
    assertThat(world.sweeper().status().passes()).isEqualTo(2);
  }

  @Test
  void givenTheSweepersWorkerKilledMidPass_whenAnotherWorkerStarts_itResumesFromTheHeartbeat()
      throws Exception {
    List<UUID> users = seed(2);
    // Enough keys for many pages at the world's COUNT 20.
    Map<String, String> filler = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 2000; i++) {
      filler.put("other:" + i, "v");
    }
    redis.mset(filler);
    world.enableSweep(quickSweep());
    CountDownLatch atKillPoint = new CountDownLatch(1);
    AtomicInteger pages = new AtomicInteger();
    world.afterSweepPage.set(
        page -> {
          if (pages.incrementAndGet() == 10) {
            atKillPoint.countDown();
            // Stuck until the worker dies; the throttled heartbeat of this page goes out.
            await(new CountDownLatch(1));
          }
        });
    world.startWorker(true);
    users.forEach(u -> world.starter.start(erasingNow(u)));
    assertThat(atKillPoint.await(60, TimeUnit.SECONDS)).isTrue();
    // Longer than the heartbeat throttle (0.8 of the 2 s timeout): page 10's progress is sent.
    Thread.sleep(2500);
    world.killWorkers();

    AtomicReference<CacheSweeper.Progress> firstPageAfterRestart = new AtomicReference<>();
    world.afterSweepPage.set(p -> firstPageAfterRestart.compareAndSet(null, p));
    world.startWorker(true);
    List<DeletionReceipt> receipts = users.stream().map(world::result).toList();

    // The new attempt went on after page 10 instead of starting the pass over.
    assertThat(firstPageAfterRestart.get().scanCalls()).isGreaterThan(10);
    assertThat(receipts)
        .allSatisfy(
            r ->
                assertThat(r.steps().get(DeletionStep.PURGE_CACHE).counts())
                    .containsEntry("sweep_batch_users", 2L)
                    .containsEntry("keys_deleted", 154L));
    users.forEach(u -> assertThat(world.redisKeys("user:" + u + ":*")).isZero());
  }

  @Test
  void givenASweepThatFails_itPurgesEachDeletionAloneAndLeavesNeighboursByteIdentical()
      throws Exception {
    List<UUID> users = seed(2);
    List<String> neighbours = SweepNeighbours.of(users);
    redis.mset(UserKeys.asValues(neighbours));
    Map<String, byte[]> before = SweepNeighbours.dump(redis, neighbours);
    world.afterSweepPage.set(
        page -> {
          throw ApplicationFailure.newNonRetryableFailure("scripted sweep failure", "Scripted");
        });
    world.startWorker(true);

    users.forEach(u -> world.starter.start(world.request(u, false)));
    world.temporal.sleep(Duration.ofDays(31));
    List<DeletionReceipt> receipts = users.stream().map(world::result).toList();

    assertThat(receipts)
        .allSatisfy(
            r -> {
              assertThat(r.outcome()).isEqualTo(DeletionPhase.COMPLETED);
              // The failed pass may have unlinked some keys first: the purge alone takes the rest.
              assertThat(r.steps().get(DeletionStep.PURGE_CACHE).counts())
                  .containsKey("keys_deleted")
                  .doesNotContainKey("sweep_batch_users");
              assertThat(r.verification().cacheKeysLeft()).isZero();
            });
    users.forEach(u -> assertThat(world.redisKeys("user:" + u + ":*")).isZero());
    assertThat(SweepNeighbours.changed(redis, before)).isEmpty();
  }

  private List<UUID> seed(int n) throws Exception {
    List<UUID> users = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      UUID user = UUID.randomUUID();
      world.seed(user, "user" + i);
      users.add(user);
    }
    return users;
  }

  /** A one-second window: these tests run in real time while a pass is held. */
  private static CacheSweepSettings quickSweep() {
    return CacheSweepSettings.enabledWithDefaults()
        .withBatchWindow(Duration.ofSeconds(1))
        .withWaitBound(Duration.ofMinutes(30));
  }

  /** No recovery window: erasure starts at once, in real time. */
  private DeletionRequest erasingNow(UUID user) {
    return new DeletionRequest(
        user.toString(),
        false,
        "user",
        Instant.ofEpochMilli(world.temporal.currentTimeMillis()),
        Duration.ZERO);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
