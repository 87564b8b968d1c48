package com.veza.erasure.activities.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.veza.erasure.activities.redis.RedisConnector;
import com.veza.erasure.activities.redis.RedisSettings;
import com.veza.erasure.deletion.CacheSweepActivities;
import com.veza.erasure.deletion.CacheSweepBatch;
import com.veza.erasure.deletion.CacheSweepResult;
import com.veza.erasure.deletion.CacheSweepUserCounts;
import com.veza.erasure.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sweep pass on a real standalone Redis. */
class CacheSweeperTest {

  /** Small enough that the keyspace takes many SCAN pages. */
  private static final int SMALL_COUNT = 20;

  private static final ActivityOptions ONE_ATTEMPT =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();

  private static TestRedis redis;
  private static RedisClient client;
  private static StatefulRedisConnection<String, String> connection;

  private RedisCommands<String, String> commands;
  private RedisConnector connector;
  private CacheSweeper sweeper;

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.shared();
    client = RedisClient.create(redis.uri());
    connection = client.connect();
  }

  @AfterAll
  static void stopRedis() {
    connection.close();
    client.shutdown();
  }

  @BeforeEach
  void setUp() {
    commands = connection.sync();
    commands.flushall();
    connector =
        new RedisConnector(RedisSettings.standalone(redis.uri()).withScanCount(SMALL_COUNT));
    sweeper = new CacheSweeper(connector);
  }

  @AfterEach
  void tearDown() {
    connector.close();
  }

  @Test
  void givenABatchWithPrefixSharingNeighbours_whenSwept_itUnlinksOnlyTheBatchsKeysInTwoPasses() {
    List<UUID> users = users(5);
    users.forEach(u -> commands.mset(UserKeys.asValues(UserKeys.ofUser(u))));
    List<String> neighbours = SweepNeighbours.of(users);
    commands.mset(UserKeys.asValues(neighbours));
    commands.hset("user:" + UserKeys.neighbourOf(users.get(0)) + ":hash", Map.of("f", "v"));
    commands.rpush("user:" + UserKeys.neighbourOf(users.get(1)) + ":list", "a", "b");
    List<String> kept = new ArrayList<>(neighbours);
    kept.add("user:" + UserKeys.neighbourOf(users.get(0)) + ":hash");
    kept.add("user:" + UserKeys.neighbourOf(users.get(1)) + ":list");
    Map<String, byte[]> before = SweepNeighbours.dump(commands, kept);
    long onePass = onePassScanCalls();

    long scansBefore = SweepNeighbours.scanCalls(commands.info("commandstats"));
    CacheSweeper.Progress done = sweeper.sweep(users, null, p -> {});
    long scans = SweepNeighbours.scanCalls(commands.info("commandstats")) - scansBefore;

    assertThat(done.phase()).isEqualTo(CacheSweeper.Phase.DONE);
    users.forEach(u -> assertThat(done.deleted()).containsEntry(u.toString(), 154L));
    assertThat(done.left()).isEmpty();
    assertThat(commands.dbsize()).isEqualTo(kept.size());
    assertThat(SweepNeighbours.changed(commands, before)).isEmpty();
    // One purging pass and one confirming pass serve all five users; alone, each user would cost
    // two passes of its own (purge and verification).
    assertThat(scans).isEqualTo(done.scanCalls());
    assertThat(scans).isLessThanOrEqualTo(2 * onePass + 2).isLessThan(users.size() * onePass);
  }

  @Test
  void givenAKeyThatCameBackBeforeTheConfirmingPass_itIsCountedAsLeftAndNotDeleted() {
    List<UUID> users = users(2);
    users.forEach(u -> commands.mset(UserKeys.asValues(UserKeys.ofUser(u))));
    String refilled = "user:" + users.get(1) + ":profile";
    boolean[] refillDone = new boolean[1];

    CacheSweeper.Progress done =
        sweeper.sweep(
            users,
            null,
            p -> {
              // A cache refill racing the purge, between the two passes.
              if (p.phase() == CacheSweeper.Phase.CONFIRM && !refillDone[0]) {
                commands.set(refilled, "again");
                refillDone[0] = true;
              }
            });

    assertThat(done.left()).containsOnly(Map.entry(users.get(1).toString(), 1L));
    assertThat(commands.get(refilled)).isEqualTo("again");
  }

  @Test
  void givenAPassStoppedAfterSomePages_whenResumedFromItsHeartbeat_itScansOnlyWhatWasLeft() {
    List<UUID> users = users(3);
    users.forEach(u -> commands.mset(UserKeys.asValues(UserKeys.ofUser(u))));
    commands.mset(UserKeys.asValues(SweepNeighbours.of(users)));
    // Attempt 1 dies after its fourth page; its last heartbeat is what the retry receives.
    AtomicReference<CacheSweeper.Progress> heartbeated = new AtomicReference<>();
    List<CacheSweeper.Progress> pages = new ArrayList<>();
    assertThatThrownBy(
            () ->
                sweeper.sweep(
                    users,
                    null,
                    p -> {
                      pages.add(p);
                      heartbeated.set(p);
                      if (pages.size() == 4) {
                        throw new IllegalStateException("worker killed");
                      }
                    }))
        .isInstanceOf(IllegalStateException.class);
    CacheSweeper.Progress last = heartbeated.get();
    assertThat(last.phase()).isEqualTo(CacheSweeper.Phase.PURGE);
    assertThat(last.cursor()).isNotEqualTo("0");

    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.setHeartbeatDetails(last);
      env.registerActivitiesImplementations(new CacheSweepActivitiesImpl(sweeper));
      long scansBefore = SweepNeighbours.scanCalls(commands.info("commandstats"));
      CacheSweepResult result =
          env.newActivityStub(CacheSweepActivities.class, ONE_ATTEMPT)
              .sweepCacheBatch(new CacheSweepBatch(users.stream().map(UUID::toString).toList()));
      long attempt2Scans = SweepNeighbours.scanCalls(commands.info("commandstats")) - scansBefore;

      // The retry went on from the heartbeated cursor: its SCANs are the total minus attempt 1's.
      assertThat(attempt2Scans).isEqualTo(result.scanCalls() - last.scanCalls());
      assertThat(result.users()).extracting(CacheSweepUserCounts::keysDeleted).containsOnly(154L);
      assertThat(result.users()).extracting(CacheSweepUserCounts::keysLeft).containsOnly(0L);
      users.forEach(u -> assertThat(keysOf(u)).isZero());
    } finally {
      env.close();
    }
  }

  @Test
  void givenPatternsWithDifferentPrefixes_itScansOnceWithoutMatchAndPurgesEveryPattern() {
    RedisSettings settings =
        RedisSettings.standalone(redis.uri())
            .withScanCount(SMALL_COUNT)
            .withKeyPatterns(List.of("user:{id}:*", "session:{id}", "feed:{id}:v?"));
    try (RedisConnector multi = new RedisConnector(settings)) {
      List<UUID> users = users(2);
      List<String> kept = new ArrayList<>(SweepNeighbours.of(users));
      for (UUID u : users) {
        commands.mset(UserKeys.asValues(UserKeys.ofUser(u)));
        commands.mset(
            Map.of("session:" + u, "s", "feed:" + u + ":v1", "f", "feed:" + u + ":v", "f"));
        kept.add("feed:" + u + ":v");
        kept.add("session:" + u + ":x");
      }
      commands.mset(UserKeys.asValues(kept));
      Map<String, byte[]> before = SweepNeighbours.dump(commands, kept);

      CacheSweeper multiSweeper = new CacheSweeper(multi);
      CacheSweeper.Progress done = multiSweeper.sweep(users, null, p -> {});

      users.forEach(u -> assertThat(done.deleted()).containsEntry(u.toString(), 156L));
      assertThat(SweepNeighbours.changed(commands, before)).isEmpty();
      assertThat(commands.dbsize()).isEqualTo(kept.size());
    }
  }

  private long onePassScanCalls() {
    long before = SweepNeighbours.scanCalls(commands.info("commandstats"));
    new RedisKeyPurger(connector).countRemaining(UUID.randomUUID());
    return SweepNeighbours.scanCalls(commands.info("commandstats")) - before;
  }

  private long keysOf(UUID user) {
    return commands.keys("user:" + user + ":*").size();
  }

  private static List<UUID> users(int n) {
    return IntStream.range(0, n).mapToObj(i -> UUID.randomUUID()).toList();
  }
}
