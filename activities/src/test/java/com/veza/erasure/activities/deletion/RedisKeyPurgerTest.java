package com.veza.erasure.activities.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.veza.erasure.activities.redis.RedisConnector;
import com.veza.erasure.activities.redis.RedisSettings;
import com.veza.erasure.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisKeyPurgerTest {

  /** Small enough that 154 keys take many SCAN pages. */
  private static final int SMALL_COUNT = 10;

  private static TestRedis redis;
  private static RedisClient client;
  private static StatefulRedisConnection<String, String> connection;

  private RedisCommands<String, String> commands;
  private RedisConnector connector;
  private RedisKeyPurger purger;

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
    purger = new RedisKeyPurger(connector);
  }

  @AfterEach
  void tearDown() {
    connector.close();
  }

  @Test
  void givenOverlappingPatterns_whenCounted_itCountsEachKeyOnceInTheTotalAndPerPattern() {
    UUID user = UUID.randomUUID();
    commands.mset(
        Map.of(
            "user:" + user + ":profile", "x",
            "user:" + user + ":feed", "x",
            "session:" + user + ":1", "x",
            "user:" + UUID.randomUUID() + ":profile", "x"));
    RedisKeyPurger.Remaining remaining;
    try (RedisConnector patterns =
        new RedisConnector(
            RedisSettings.standalone(redis.uri())
                .withKeyPatterns(List.of("user:{id}:*", "user:{id}:feed", "session:{id}:*")))) {
      remaining = new RedisKeyPurger(patterns).countRemainingByPattern(user);
    }

    assertThat(remaining.total()).isEqualTo(3);
    assertThat(remaining.byPattern())
        .containsExactly(
            Map.entry("user:{id}:*", 2L),
            Map.entry("user:{id}:feed", 1L),
            Map.entry("session:{id}:*", 1L));
  }

  @Test
  void givenUserKeys_whenPurged_itRemovesAllAndLeavesOthersIntact() {
    UUID victim = UUID.randomUUID();
    List<String> victimKeys = UserKeys.ofUser(victim);
    List<String> others = UserKeys.bystanders(UUID.randomUUID());
    commands.mset(UserKeys.asValues(victimKeys));
    commands.mset(UserKeys.asValues(others));
    assertThat(purger.countRemaining(victim)).isEqualTo(154);

    List<RedisKeyPurger.Progress> reports = new ArrayList<>();
    RedisKeyPurger.Progress done = purger.purge(victim, null, reports::add);

    assertThat(done.keysDeleted()).isEqualTo(154);
    assertThat(done.scanCalls()).isGreaterThan(1).isEqualTo(reports.size());
    assertThat(commands.exists(victimKeys.toArray(String[]::new))).isZero();
    assertThat(commands.exists(others.toArray(String[]::new))).isEqualTo(others.size());
    assertThat(commands.dbsize()).isEqualTo(others.size());
    assertThat(purger.countRemaining(victim)).isZero();
  }

  @Test
  void givenANeighbourSharingAlmostTheWholeUuid_whenPurged_itLeavesAllTheNeighboursKeys() {
    UUID victim = UUID.randomUUID();
    UUID neighbour = UserKeys.neighbourOf(victim);
    List<String> neighbourKeys = UserKeys.ofUser(neighbour);
    commands.mset(UserKeys.asValues(UserKeys.ofUser(victim)));
    commands.mset(UserKeys.asValues(neighbourKeys));

    RedisKeyPurger.Progress done = purger.purge(victim, null, p -> {});

    assertThat(done.keysDeleted()).isEqualTo(154);
    assertThat(commands.exists(neighbourKeys.toArray(String[]::new))).isEqualTo(154);
    assertThat(purger.countRemaining(neighbour)).isEqualTo(154);
  }

  @Test
  void givenAPurgeStoppedAfterOneBatch_whenResumedFromItsProgress_itRemovesAllAndTheCountsAdd() {
    UUID victim = UUID.randomUUID();
    List<String> others = UserKeys.bystanders(UUID.randomUUID());
    commands.mset(UserKeys.asValues(UserKeys.ofUser(victim)));
    commands.mset(UserKeys.asValues(others));

    List<RedisKeyPurger.Progress> reports = new ArrayList<>();
    assertThatThrownBy(
            () ->
                purger.purge(
                    victim,
                    null,
                    p -> {
                      reports.add(p);
                      throw new WorkerCrashed();
                    }))
        .isInstanceOf(WorkerCrashed.class);
    RedisKeyPurger.Progress last = reports.get(0);
    assertThat(last.scanCalls()).isEqualTo(1);
    assertThat(last.cursor()).isNotEqualTo("0");
    assertThat(purger.countRemaining(victim)).isEqualTo(154 - last.keysDeleted());

    RedisKeyPurger.Progress done = purger.purge(victim, last, p -> {});

    assertThat(done.keysDeleted()).isEqualTo(154);
    assertThat(done.scanCalls()).isGreaterThan(last.scanCalls());
    assertThat(purger.countRemaining(victim)).isZero();
    assertThat(commands.exists(others.toArray(String[]::new))).isEqualTo(others.size());
  }

  @Test
  void givenProgressFromAnotherServer_whenResumed_itRescansFromTheStartOfThePattern() {
    UUID victim = UUID.randomUUID();
    commands.mset(UserKeys.asValues(UserKeys.ofUser(victim)));
    RedisKeyPurger.Progress foreign =
        new RedisKeyPurger.Progress(0, 0, "elsewhere:6379", "17", 5, 3);

    RedisKeyPurger.Progress done = purger.purge(victim, foreign, p -> {});

    assertThat(done.keysDeleted()).isEqualTo(5 + 154);
    assertThat(purger.countRemaining(victim)).isZero();
  }

  @Test
  void givenTwoPatterns_whenPurged_itScansBothAndLeavesOtherUsersUntouched() {
    UUID victim = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    connector.close();
    connector =
        new RedisConnector(
            RedisSettings.standalone(redis.uri())
                .withScanCount(SMALL_COUNT)
                .withKeyPatterns(List.of("user:{id}:*", "session:{id}")));
    purger = new RedisKeyPurger(connector);
    commands.mset(UserKeys.asValues(UserKeys.ofUser(victim)));
    commands.set("session:" + victim, "s");
    commands.set("session:" + other, "s");

    RedisKeyPurger.Progress done = purger.purge(victim, null, p -> {});

    assertThat(done.keysDeleted()).isEqualTo(155);
    assertThat(done.patternIndex()).isEqualTo(2);
    assertThat(commands.exists("session:" + other)).isEqualTo(1);
    assertThat(commands.dbsize()).isEqualTo(1);
  }

  /** Stands for a worker dying mid-activity: thrown from the progress callback. */
  private static final class WorkerCrashed extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}
