package com.veza.erasure.activities.deletion.bench;

import com.veza.erasure.activities.deletion.RedisKeyPurger;
import com.veza.erasure.activities.redis.RedisConnector;
import com.veza.erasure.activities.redis.RedisSettings;
import com.veza.erasure.testing.RedisProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * How SCAN COUNT trades round trips against time per call, to choose RedisSettings' default. Not
 * run by {@code mvn verify} (the class name matches no surefire include); run it with
 *
 * <pre>
 * mvn -B -o -pl activities -am verify -Dtest=RedisPurgeBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dbench.keys=1000000] [-Dbench.userKeys=200] [-Dbench.runs=5] [-Dbench.counts=100,1000,10000]
 * </pre>
 *
 * It fills a fresh redis-server with {@code bench.keys} unrelated keys (DEBUG POPULATE) and, before
 * each run, {@code bench.userKeys} keys of one user, then purges them and reports the median.
 */
class RedisPurgeBenchmark {

  private final int keys = Integer.getInteger("bench.keys", 1_000_000);
  private final int userKeys = Integer.getInteger("bench.userKeys", 200);
  private final int runs = Integer.getInteger("bench.runs", 5);
  private final String counts =
      System.getProperty("bench.counts", "10,100,500,1000,2000,5000,10000");

  @Test
  void givenALargeKeyspace_whenPurgingWithEachScanCount_itReportsThePurgeTime() {
    RedisProcess redis = RedisProcess.startOnFreePort();
    RedisClient client = RedisClient.create(redis.uri());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> commands = connection.sync();
      long loadStart = System.nanoTime();
      commands.dispatch(
          CommandType.DEBUG,
          new StatusOutput<>(StringCodec.UTF8),
          new CommandArgs<>(StringCodec.UTF8).add("POPULATE").add(keys).add("filler"));
      System.out.printf(
          "%nloaded %,d keys in %d ms; redis %s%n",
          commands.dbsize(),
          (System.nanoTime() - loadStart) / 1_000_000,
          commands
              .info("server")
              .lines()
              .filter(l -> l.startsWith("redis_version"))
              .findFirst()
              .orElse("?"));

      List<Integer> scanCounts = new ArrayList<>();
      for (String c : counts.split(",", -1)) {
        scanCounts.add(Integer.parseInt(c.trim()));
      }
      // Warm-up: JIT and connection paths, not measured.
      measure(redis, commands, 1000);

      System.out.printf(
          "%n%8s %12s %12s %12s %14s%n",
          "COUNT", "median ms", "min ms", "SCAN calls", "server us/SCAN");
      for (int count : scanCounts) {
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
          results.add(measure(redis, commands, count));
        }
        results.sort((a, b) -> Long.compare(a.nanos, b.nanos));
        Result median = results.get(results.size() / 2);
        System.out.printf(
            "%8d %12.0f %12.0f %12d %14.1f%n",
            count,
            median.nanos / 1e6,
            results.get(0).nanos / 1e6,
            median.scanCalls,
            median.serverMicrosPerScan);
      }
    } finally {
      client.shutdown();
      redis.close();
    }
  }

  /** serverMicrosPerScan: how long each SCAN held Redis' single thread (INFO commandstats). */
  private record Result(long nanos, long scanCalls, double serverMicrosPerScan) {}

  private static double scanUsecPerCall(RedisCommands<String, String> commands) {
    return commands
        .info("commandstats")
        .lines()
        .filter(l -> l.startsWith("cmdstat_scan:"))
        .flatMap(l -> java.util.Arrays.stream(l.substring(l.indexOf(':') + 1).split(",")))
        .filter(kv -> kv.startsWith("usec_per_call="))
        .mapToDouble(kv -> Double.parseDouble(kv.substring("usec_per_call=".length())))
        .findFirst()
        .orElse(Double.NaN);
  }

  private Result measure(RedisProcess redis, RedisCommands<String, String> commands, int count) {
    UUID user = UUID.randomUUID();
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < userKeys; i++) {
      values.put("user:" + user + ":k:" + i, "v");
    }
    commands.mset(values);
    try (RedisConnector connector =
        new RedisConnector(RedisSettings.standalone(redis.uri()).withScanCount(count))) {
      RedisKeyPurger purger = new RedisKeyPurger(connector);
      commands.configResetstat();
      long start = System.nanoTime();
      RedisKeyPurger.Progress done = purger.purge(user, null, p -> {});
      long took = System.nanoTime() - start;
      if (done.keysDeleted() != userKeys) {
        throw new AssertionError("deleted " + done.keysDeleted() + " of " + userKeys);
      }
      return new Result(took, done.scanCalls(), scanUsecPerCall(commands));
    }
  }
}
