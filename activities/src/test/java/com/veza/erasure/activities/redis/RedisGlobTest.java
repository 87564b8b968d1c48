package com.veza.erasure.activities.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.testing.TestRedis;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The client-side glob must agree with the server's MATCH on every key, or a sweep mis-deletes. */
class RedisGlobTest {

  private static final List<String> KEYS =
      List.of(
          "user:1:profile",
          "user:1:",
          "user:1",
          "user:12:profile",
          "user:[a]*",
          "user:a",
          "user:*",
          "user:?",
          "user:\\",
          "user:-",
          "user:b:c:d",
          "user:é:x",
          "user:ü",
          "session:1",
          "",
          "**",
          "user:]",
          "user:^x");

  private static final List<String> PATTERNS =
      List.of(
          "user:1:*",
          "user:1*",
          "user:?",
          "user:??",
          "user:[a]*",
          "user:\\[a\\]\\*",
          "user:[^a]",
          "user:[a-c]",
          "user:[c-a]",
          "user:[\\]]",
          "user:[abc",
          "user:\\",
          "user:\\\\",
          "user:*:*",
          "user:**:profile",
          "*",
          "user:[-]",
          "user:[^]",
          "user:*1*",
          "user:é:?",
          "user:?:x",
          "session:1",
          "user:[é]");

  @Test
  void givenTrickyKeysAndPatterns_whenMatchedOnTheClient_itAgreesWithRedisMatch() {
    TestRedis redis = TestRedis.shared();
    String prefix = redis.uniqueKeyPrefix();
    RedisClient client = RedisClient.create(redis.uri());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> commands = connection.sync();
      Map<String, String> values = new LinkedHashMap<>();
      KEYS.forEach(k -> values.put(prefix + k, "v"));
      commands.mset(values);
      for (String pattern : PATTERNS) {
        Set<String> server = new HashSet<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
          KeyScanCursor<String> page =
              commands.scan(cursor, ScanArgs.Builder.matches(prefix + pattern).limit(1000));
          server.addAll(page.getKeys());
          cursor = page;
        } while (!cursor.isFinished());
        Set<String> local = new HashSet<>();
        for (String key : values.keySet()) {
          if (RedisGlob.matches(prefix + pattern, key)) {
            local.add(key);
          }
        }
        assertThat(local).as("keys matching %s", pattern).isEqualTo(server);
      }
    } finally {
      client.shutdown();
    }
  }
}
