package com.veza.erasure.bench;

import com.veza.erasure.activities.deletion.CacheSweeper;
import com.veza.erasure.activities.deletion.RedisKeyPurger;
import com.veza.erasure.activities.redis.RedisConnector;
import com.veza.erasure.activities.redis.RedisSettings;
import com.veza.erasure.testing.RedisProcess;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * R1 and R1b of docs/benchmarks.md on a fresh redis-server: {@code ./bench/run r1} or {@code
 * ./bench/run r1b}. Sizes come from system properties ({@code -Dbench.keys=1000000}, {@code
 * bench.userKeys}, {@code bench.users}, {@code bench.runs}); every ratio is against a baseline
 * measured in the same run, on the same keyspace.
 *
 * <p>"Redis work" is what the server reports in {@code INFO commandstats}: the number of SCAN calls
 * and the microseconds its single thread spent in SCAN, UNLINK and DEL.
 */
public final class RedisBench {

  private final int keys = Integer.getInteger("bench.keys", 1_000_000);
  private final int userKeys = Integer.getInteger("bench.userKeys", 200);
  private final int users = Integer.getInteger("bench.users", 100);
  private final int runs = Integer.getInteger("bench.runs", 5);

  private RedisProcess redis;
  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;
  private RedisCommands<String, String> commands;

  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0] : "r1";
    RedisBench bench = new RedisBench();
    bench.start();
    try {
      switch (which) {
        case "r1" -> bench.r1();
        case "r1b" -> bench.r1b();
        default -> throw new IllegalArgumentException("unknown benchmark " + which + ": r1, r1b");
      }
    } finally {
      bench.stop();
    }
  }

  /** What one measured call cost: wall time and the server's own counters. */
  record Cost(long nanos, long scanCalls, long serverMicros, long keysDeleted) {
    double millis() {
      return nanos / 1e6;
    }
  }

  private void start() {
    redis = RedisProcess.startOnFreePort();
    client = RedisClient.create(redis.uri());
    connection = client.connect();
    commands = connection.sync();
    long loadStart = System.nanoTime();
    // Half unrelated keys, half keys of other users under the same "user:" prefix the sweep's
    // MATCH keeps: the client-side id check sees the realistic share of them.
    int filler = keys / 2;
    commands.dispatch(
        CommandType.DEBUG,
        new StatusOutput<>(StringCodec.UTF8),
        new CommandArgs<>(StringCodec.UTF8).add("POPULATE").add(filler).add("cache"));
    int others = keys - filler;
    Map<String, String> batch = new LinkedHashMap<>();
    UUID other = UUID.randomUUID();
    for (int i = 0; i < others; i++) {
      if (i % 10 == 0) {
        other = UUID.randomUUID();
      }
      batch.put("user:" + other + ":k" + i, "v");
      if (batch.size() == 1000) {
        commands.mset(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      commands.mset(batch);
    }
    System.out.printf(
        Locale.ROOT,
        "loaded %,d keys in %d ms; %s; %d CPUs%n",
        commands.dbsize(),
        (System.nanoTime() - loadStart) / 1_000_000,
        commands
            .info("server")
            .lines()
            .filter(l -> l.startsWith("redis_version"))
            .findFirst()
            .orElse("?"),
        Runtime.getRuntime().availableProcessors());
  }

  private void stop() {
    connection.close();
    client.shutdown();
    redis.close();
  }

  /** R1: one user's keys among the whole keyspace, three ways. */
  private void r1() throws Exception {
    RedisSettings ours = RedisSettings.standalone(redis.uri());
    try (RedisConnector connector = new RedisConnector(ours)) {
      RedisKeyPurger purger = new RedisKeyPurger(connector);
      // Warm-up: JIT and connection paths, not measured.
      measure(seedUser(), u -> purger.purge(u, null, p -> {}).keysDeleted());

      List<Cost> oursCosts = new ArrayList<>();
      List<Cost> oldCosts = new ArrayList<>();
      List<Cost> cliCosts = new ArrayList<>();
      boolean cli = redisCliAvailable();
      for (int i = 0; i < runs; i++) {
        oursCosts.add(measure(seedUser(), u -> purger.purge(u, null, p -> {}).keysDeleted()));
        oldCosts.add(measure(seedUser(), this::oldWorkerPurge));
        if (cli) {
          cliCosts.add(measure(seedUser(), this::redisCliPurge));
        }
      }
      Cost base = median(oldCosts);
      System.out.printf(
          Locale.ROOT,
          "%nR1: purge %d keys of one user among %,d, median of %d runs%n",
          userKeys,
          commands.dbsize(),
          runs);
      header();
      row("ours (SCAN COUNT " + ours.scanCount() + " + UNLINK per page)", median(oursCosts), base);
      row("old worker (SCAN COUNT 100 + DEL per batch)", base, base);
      if (cli) {
        row("redis-cli --scan --pattern | xargs redis-cli unlink", median(cliCosts), base);
      } else {
        System.out.println("redis-cli: not on PATH, not measured");
      }
    }
  }

  /** R1b: a batch of users, one sweep against one purge and one verification each. */
  private void r1b() {
    RedisSettings settings = RedisSettings.standalone(redis.uri());
    try (RedisConnector connector = new RedisConnector(settings)) {
      RedisKeyPurger purger = new RedisKeyPurger(connector);
      CacheSweeper sweeper = new CacheSweeper(connector);

      List<UUID> alone = seedUsers();
      Cost purgeOnly =
          measureBatch(() -> sum(alone, u -> purger.purge(u, null, p -> {}).keysDeleted()));
      Cost verifyOnly = measureBatch(() -> sumVerify(purger, alone));
      Cost perUser =
          new Cost(
              purgeOnly.nanos() + verifyOnly.nanos(),
              purgeOnly.scanCalls() + verifyOnly.scanCalls(),
              purgeOnly.serverMicros() + verifyOnly.serverMicros(),
              purgeOnly.keysDeleted());

      List<UUID> batch = seedUsers();
      Cost sweep =
          measureBatch(
              () -> {
                CacheSweeper.Progress done = sweeper.sweep(batch, null, p -> {});
                if (!done.left().isEmpty()) {
                  throw new IllegalStateException("sweep left keys: " + done.left());
                }
                return done.deleted().values().stream().mapToLong(Long::longValue).sum();
              });

      System.out.printf(
          Locale.ROOT,
          "%nR1b: %d users x %d keys among %,d keys (purge + verification of each user)%n",
          users,
          userKeys,
          commands.dbsize());
      header();
      row(users + " per-user purges + verifications (today, sweep off)", perUser, perUser);
      row(users + " per-user purges alone (no verification)", purgeOnly, perUser);
      row("one sweep: 1 purging pass + 1 confirming pass", sweep, perUser);
      System.out.printf(
          Locale.ROOT,
          "per erased user: SCAN calls %.1f vs %.1f (%.1fx less), server ms %.2f vs %.2f (%.1fx"
              + " less), wall ms %.1f vs %.1f%n",
          perUser.scanCalls() / (double) users,
          sweep.scanCalls() / (double) users,
          perUser.scanCalls() / (double) sweep.scanCalls(),
          perUser.serverMicros() / 1e3 / users,
          sweep.serverMicros() / 1e3 / users,
          perUser.serverMicros() / (double) sweep.serverMicros(),
          perUser.millis() / users,
          sweep.millis() / users);
    }
  }

  /** The platform's old hard-delete worker: SCAN MATCH COUNT 100, DEL of each page's keys. */
  private long oldWorkerPurge(UUID user) {
    ScanArgs args = ScanArgs.Builder.matches("user:" + user + ":*").limit(100);
    long deleted = 0;
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = commands.scan(cursor, args);
      if (!page.getKeys().isEmpty()) {
        deleted += commands.del(page.getKeys().toArray(String[]::new));
      }
      cursor = page;
    } while (!cursor.isFinished());
    return deleted;
  }

  private long redisCliPurge(UUID user) {
    String port = String.valueOf(redis.port());
    String script =
        "redis-cli -p "
            + port
            + " --scan --pattern 'user:"
            + user
            + ":*' | xargs -r redis-cli -p "
            + port
            + " unlink > /dev/null";
    try {
      Process process = new ProcessBuilder("bash", "-c", script).inheritIO().start();
      if (process.waitFor() != 0) {
        throw new IllegalStateException("redis-cli pipeline failed: " + process.exitValue());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    // The pipeline reports nothing: count what is left instead.
    return userKeys - countLeft(user);
  }

  private long countLeft(UUID user) {
    return commands.keys("user:" + user + ":*").size();
  }

  private Cost measure(UUID user, java.util.function.ToLongFunction<UUID> purge) {
    return measureBatch(() -> purge.applyAsLong(user));
  }

  private Cost measureBatch(Supplier<Long> work) {
    commands.configResetstat();
    long start = System.nanoTime();
    long deleted = work.get();
    long took = System.nanoTime() - start;
    String stats = commands.info("commandstats");
    return new Cost(
        took,
        stat(stats, "scan", "calls"),
        stat(stats, "scan", "usec") + stat(stats, "unlink", "usec") + stat(stats, "del", "usec"),
        deleted);
  }

  private long sum(List<UUID> batch, java.util.function.ToLongFunction<UUID> each) {
    long total = 0;
    for (UUID user : batch) {
      total += each.applyAsLong(user);
    }
    return total;
  }

  private long sumVerify(RedisKeyPurger purger, List<UUID> batch) {
    for (UUID user : batch) {
      if (purger.countRemaining(user) != 0) {
        throw new IllegalStateException("purge left keys");
      }
    }
    return 0;
  }

  private UUID seedUser() {
    UUID user = UUID.randomUUID();
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < userKeys; i++) {
      values.put("user:" + user + ":k:" + i, "v");
    }
    commands.mset(values);
    return user;
  }

  private List<UUID> seedUsers() {
    List<UUID> batch = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      batch.add(seedUser());
    }
    return batch;
  }

  private static long stat(String commandstats, String command, String field) {
    return commandstats
        .lines()
        .filter(l -> l.startsWith("cmdstat_" + command + ":"))
        .flatMap(l -> Arrays.stream(l.substring(l.indexOf(':') + 1).split(",")))
        .filter(kv -> kv.startsWith(field + "="))
        .mapToLong(kv -> Long.parseLong(kv.substring(field.length() + 1)))
        .findFirst()
        .orElse(0);
  }

  private static boolean redisCliAvailable() {
    try {
      return new ProcessBuilder("redis-cli", "--version").start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Cost median(List<Cost> costs) {
    List<Cost> sorted = new ArrayList<>(costs);
    sorted.sort((a, b) -> Long.compare(a.nanos(), b.nanos()));
    return sorted.get(sorted.size() / 2);
  }

  private static void header() {
    System.out.printf(
        Locale.ROOT,
        "| %-55s | %10s | %10s | %12s | %8s | %12s |%n",
        "algorithm",
        "wall ms",
        "SCAN calls",
        "server ms",
        "deleted",
        "wall ratio");
    System.out.println(
        "|---------------------------------------------------------|------------|------------|"
            + "--------------|----------|--------------|");
  }

  private static void row(String name, Cost cost, Cost base) {
    System.out.printf(
        Locale.ROOT,
        "| %-55s | %10.1f | %10d | %12.2f | %8d | %11.2fx |%n",
        name,
        cost.millis(),
        cost.scanCalls(),
        cost.serverMicros() / 1e3,
        cost.keysDeleted(),
        base.nanos() / (double) cost.nanos());
  }
}
