package com.veza.erasure.activities.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.veza.erasure.activities.redis.RedisConnector;
import com.veza.erasure.activities.redis.RedisSettings;
import com.veza.erasure.deletion.CacheActivities;
import com.veza.erasure.deletion.CachePurgeInput;
import com.veza.erasure.deletion.CachePurgeResult;
import com.veza.erasure.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CacheActivitiesImplTest {

  private static final ActivityOptions ONE_ATTEMPT =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();

  private static TestRedis redis;
  private static RedisClient client;
  private static StatefulRedisConnection<String, String> connection;

  private RedisCommands<String, String> commands;
  private TestActivityEnvironment env;
  private RedisConnector connector;

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
    env = TestActivityEnvironment.newInstance();
    connector = new RedisConnector(RedisSettings.standalone(redis.uri()).withScanCount(10));
  }

  @AfterEach
  void tearDown() {
    env.close();
    connector.close();
  }

  @Test
  void givenNoRedisConfigured_itIsSkippedAndNothingIsTouched() {
    UUID victim = UUID.randomUUID();
    commands.mset(UserKeys.asValues(UserKeys.ofUser(victim)));
    env.registerActivitiesImplementations(CacheActivitiesImpl.of(null));

    CachePurgeResult result = stub().purgeCache(new CachePurgeInput(victim.toString()));

    assertThat(result).isEqualTo(CachePurgeResult.skippedResult());
    assertThat(commands.dbsize()).isEqualTo(154);
  }

  @Test
  void givenUserKeys_itPurgesThemAndHeartbeatsItsProgress() {
    UUID victim = UUID.randomUUID();
    List<String> others = UserKeys.bystanders(UUID.randomUUID());
    commands.mset(UserKeys.asValues(UserKeys.ofUser(victim)));
    commands.mset(UserKeys.asValues(others));
    env.registerActivitiesImplementations(CacheActivitiesImpl.of(connector));
    List<RedisKeyPurger.Progress> heartbeats = new ArrayList<>();
    env.setActivityHeartbeatListener(RedisKeyPurger.Progress.class, heartbeats::add);

    CachePurgeResult result = stub().purgeCache(new CachePurgeInput(victim.toString()));

    assertThat(result.skipped()).isFalse();
    assertThat(result.keysDeleted()).isEqualTo(154);
    assertThat(result.scanCalls()).isGreaterThan(1);
    // The SDK throttles heartbeats (one per heartbeat interval reaches the server), so only the
    // first is certain here; RedisKeyPurgerTest checks that every page reports its progress.
    assertThat(heartbeats).isNotEmpty();
    assertThat(heartbeats.get(0).scanCalls()).isEqualTo(1);
    assertThat(commands.dbsize()).isEqualTo(others.size());
  }

  @Test
  void givenHeartbeatOfAnEarlierAttempt_itResumesFromItsCursorAndAddsItsCounts() {
    UUID victim = UUID.randomUUID();
    commands.mset(UserKeys.asValues(UserKeys.ofUser(victim)));
    RedisKeyPurger purger = new RedisKeyPurger(connector);
    List<RedisKeyPurger.Progress> firstAttempt = new ArrayList<>();
    assertThatThrownBy(
            () ->
                purger.purge(
                    victim,
                    null,
                    p -> {
                      firstAttempt.add(p);
                      throw new IllegalStateException("attempt 1 dies");
                    }))
        .isInstanceOf(IllegalStateException.class);
    RedisKeyPurger.Progress heartbeated = firstAttempt.get(0);
    env.setHeartbeatDetails(heartbeated);
    env.registerActivitiesImplementations(CacheActivitiesImpl.of(connector));

    CachePurgeResult result = stub().purgeCache(new CachePurgeInput(victim.toString()));

    assertThat(result.keysDeleted()).isEqualTo(154);
    assertThat(result.scanCalls()).isGreaterThan(heartbeated.scanCalls());
    assertThat(commands.dbsize()).isZero();
  }

  @Test
  void givenAUserIdThatIsNotAUuid_itFailsAsInvalidInputWithoutTouchingRedis() {
    commands.set("user:*:profile", "v");
    env.registerActivitiesImplementations(CacheActivitiesImpl.of(connector));

    assertThatThrownBy(() -> stub().purgeCache(new CachePurgeInput("*")))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo("INVALID_INPUT");
              assertThat(f.isNonRetryable()).isTrue();
            });
    assertThat(commands.dbsize()).isEqualTo(1);
  }

  private CacheActivities stub() {
    return env.newActivityStub(CacheActivities.class, ONE_ATTEMPT);
  }
}
