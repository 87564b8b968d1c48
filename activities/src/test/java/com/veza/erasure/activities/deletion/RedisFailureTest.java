package com.veza.erasure.activities.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.veza.erasure.activities.redis.RedisConnector;
import com.veza.erasure.activities.redis.RedisSettings;
import com.veza.erasure.deletion.CacheActivities;
import com.veza.erasure.deletion.CachePurgeInput;
import com.veza.erasure.testing.RedisProcess;
import com.veza.erasure.testing.RespClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a purge attempt does when Redis is down, hung or refuses our credentials. */
class RedisFailureTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @Test
  void givenAStoppedRedis_whenPurging_itFailsFastAndRetryableAndSucceedsOnceRedisIsBack() {
    RedisProcess redis = RedisProcess.startOnFreePort();
    try (RedisConnector connector = connector(redis.uri())) {
      RedisKeyPurger purger = new RedisKeyPurger(connector);
      UUID victim = UUID.randomUUID();
      redis.stop();

      long started = System.nanoTime();
      assertThatThrownBy(() -> purger.purge(victim, null, p -> {}))
          .isInstanceOf(RedisConnectionException.class)
          .isNotInstanceOf(ApplicationFailure.class);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(took).isLessThan(TIMEOUT);

      redis.restart();
      assertThat(purger.purge(victim, null, p -> {}).keysDeleted()).isZero();
    } finally {
      redis.close();
    }
  }

  @Test
  void givenAStoppedRedis_whenTheActivityRuns_itFailsRetryable() {
    RedisProcess redis = RedisProcess.startOnFreePort();
    redis.stop();
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try (RedisConnector connector = connector(redis.uri())) {
      env.registerActivitiesImplementations(CacheActivitiesImpl.of(connector));
      CacheActivities activities = env.newActivityStub(CacheActivities.class, oneAttempt());

      long started = System.nanoTime();
      assertThatThrownBy(
              () -> activities.purgeCache(new CachePurgeInput(UUID.randomUUID().toString())))
          .isInstanceOf(ActivityFailure.class)
          .cause()
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              f -> {
                assertThat(f.isNonRetryable()).isFalse();
                assertThat(f.getType()).isEqualTo(RedisConnectionException.class.getName());
              });
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT);
    } finally {
      env.close();
      redis.close();
    }
  }

  @Test
  void givenARedisThatAcceptsButNeverAnswers_whenPurging_itFailsWithinAboutTheCommandTimeout()
      throws Exception {
    // The kernel completes the TCP handshake from the backlog; nothing ever replies.
    try (ServerSocket silent = new ServerSocket(0);
        RedisConnector connector = connector("redis://127.0.0.1:" + silent.getLocalPort())) {
      RedisKeyPurger purger = new RedisKeyPurger(connector);

      long started = System.nanoTime();
      assertThatThrownBy(() -> purger.purge(UUID.randomUUID(), null, p -> {}))
          .isInstanceOf(RedisException.class)
          .isNotInstanceOf(ApplicationFailure.class);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(2));
    }
  }

  @Test
  void givenWrongOrMissingCredentials_itFailsNonRetryableAsAuthFailed() {
    RedisProcess redis = RedisProcess.startOnFreePort();
    RespClient.call(redis.host(), redis.port(), "CONFIG", "SET", "requirepass", "s3cret");
    try (RedisConnector noPassword = connector(redis.uri());
        RedisConnector wrongPassword = connector("redis://:wrong@127.0.0.1:" + redis.port())) {
      for (RedisConnector connector : new RedisConnector[] {noPassword, wrongPassword}) {
        RedisKeyPurger purger = new RedisKeyPurger(connector);
        assertThatThrownBy(() -> purger.purge(UUID.randomUUID(), null, p -> {}))
            .isInstanceOfSatisfying(
                ApplicationFailure.class,
                f -> {
                  assertThat(f.getType()).isEqualTo("AUTH_FAILED");
                  assertThat(f.isNonRetryable()).isTrue();
                });
        assertThatThrownBy(() -> purger.countRemaining(UUID.randomUUID()))
            .isInstanceOfSatisfying(
                ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo("AUTH_FAILED"));
      }
    } finally {
      redis.close();
    }
  }

  private static RedisConnector connector(String uri) {
    return new RedisConnector(RedisSettings.standalone(uri).withCommandTimeout(TIMEOUT));
  }

  private static ActivityOptions oneAttempt() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(1))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build();
  }
}
