package com.veza.erasure.activities.deletion;

import com.veza.erasure.activities.coverage.CoverageCheck;
import com.veza.erasure.activities.coverage.CoverageGate;
import com.veza.erasure.activities.db.Jdbis;
import com.veza.erasure.activities.erasuremap.ErasureMaps;
import com.veza.erasure.activities.export.LocalDirectoryExportStorage;
import com.veza.erasure.activities.notify.NotificationSettings;
import com.veza.erasure.activities.redis.RedisConnector;
import com.veza.erasure.activities.redis.RedisSettings;
import com.veza.erasure.activities.references.ReferenceSettings;
import com.veza.erasure.activities.search.SearchSettings;
import com.veza.erasure.deletion.AccountDeletionWorkflow;
import com.veza.erasure.deletion.AccountDeletionWorkflowImpl;
import com.veza.erasure.deletion.CacheSweepActivities;
import com.veza.erasure.deletion.CacheSweepWorkflow;
import com.veza.erasure.deletion.CacheSweepWorkflowImpl;
import com.veza.erasure.deletion.DeletionActivityOptions;
import com.veza.erasure.deletion.DeletionReceipt;
import com.veza.erasure.deletion.DeletionRequest;
import com.veza.erasure.deletion.DeletionWorkflowStarter;
import com.veza.erasure.export.EraseExportsInput;
import com.veza.erasure.export.ExportCleanupActivities;
import com.veza.erasure.testing.RespClient;
import com.veza.erasure.testing.TcpProxy;
import com.veza.erasure.testing.TestDatabase;
import com.veza.erasure.testing.TestElasticsearch;
import com.veza.erasure.testing.TestPostgres;
import com.veza.erasure.testing.TestRedis;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * Everything one end-to-end deletion test needs: a fresh PostgreSQL database, the shared Redis and
 * Elasticsearch, all three reached by workers through fault-injecting TCP proxies, and Temporal's
 * test server with workers the test can kill and start again. The test itself reads and writes
 * PostgreSQL directly.
 */
final class DeletionWorld implements AutoCloseable {
  static final String QUEUE = "erasure";

  final SkippingTemporalServer temporal;
  final Jdbi jdbi;
  final PlatformRows rows;
  final TcpProxy postgresProxy;
  final TcpProxy redisProxy;
  final TcpProxy searchProxy;
  final SearchTestIndices search;
  final SearchSettings workerSearchSettings;
  final DeletionWorkflowStarter starter;
  final LocalDirectoryExportStorage exports;
  private final Jdbi workerJdbi;
  private final RedisConnector redis;
  private final List<WorkerFactory> factories = new ArrayList<>();
  private final List<WorkflowServiceStubs> workerStubs = new ArrayList<>();
  private final Duration giveUpAfter;

  /** How workers started from now on treat third-party references; counted only by default. */
  volatile ReferenceSettings references = ReferenceSettings.COUNT_ONLY;

  /** Whether workers started from now on email the user; off by default. */
  volatile NotificationSettings notifications = NotificationSettings.OFF;

  /** Off unless a test turns it on before starting workers. */
  private volatile CacheSweepSettings sweep = CacheSweepSettings.disabled();

  /** Called after every page of every sweep attempt (after its heartbeat), when set. */
  final AtomicReference<Consumer<CacheSweeper.Progress>> afterSweepPage = new AtomicReference<>();

  /** Runs once, right after the next ERASE_EXPORTS: a file that appears before VERIFY. */
  private final AtomicReference<Runnable> afterEraseExports = new AtomicReference<>();

  DeletionWorld(Duration giveUpAfter) {
    this.giveUpAfter = giveUpAfter;
    temporal = new SkippingTemporalServer();
    TestDatabase db = PlatformRows.freshTestDatabase();
    jdbi = Jdbis.create(db.dataSource());
    rows = new PlatformRows(jdbi);
    URI direct = URI.create(db.jdbcUrl().substring("jdbc:".length()));
    postgresProxy = TcpProxy.start(direct.getHost(), direct.getPort());
    String proxied =
        "jdbc:postgresql://127.0.0.1:"
            + postgresProxy.port()
            + direct.getRawPath()
            + (direct.getRawQuery() == null ? "" : "?" + direct.getRawQuery());
    workerJdbi = Jdbis.create(TestPostgres.shared().dataSource(proxied));
    try {
      exports = new LocalDirectoryExportStorage(Files.createTempDirectory("veza-exports-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    TestRedis.shared().flushAll();
    redisProxy = TcpProxy.start(TestRedis.shared().host(), TestRedis.shared().port());
    // A small COUNT so a user's 154 keys take several SCAN pages, as on a large keyspace.
    redis =
        new RedisConnector(
            RedisSettings.standalone("redis://127.0.0.1:" + redisProxy.port())
                .withScanCount(20)
                .withCommandTimeout(Duration.ofSeconds(2)));

    search = new SearchTestIndices(TestElasticsearch.shared().httpUrl());
    searchProxy = TcpProxy.start("127.0.0.1", TestElasticsearch.shared().port());
    SearchSettings s = search.settings;
    workerSearchSettings =
        new SearchSettings(
            "http://127.0.0.1:" + searchProxy.port(),
            null,
            null,
            null,
            s.usersIndex(),
            s.tracksIndex(),
            s.playlistsIndex(),
            s.bulkChunkSize(),
            Duration.ofSeconds(2));
    starter = new DeletionWorkflowStarter(temporal.client(), QUEUE);
  }

  /**
   * Starts a worker with every real activity; {@code withStores=false} leaves Redis and ES
   * unconfigured.
   */
  WorkerFactory startWorker(boolean withStores) {
    return startWorker(withStores, workerJdbi);
  }

  /**
   * A worker that reaches PostgreSQL directly, as one on another host would while the proxied path
   * is cut or stalled.
   */
  WorkerFactory startWorkerBypassingPostgresProxy(boolean withStores) {
    return startWorker(withStores, jdbi);
  }

  private WorkerFactory startWorker(boolean withStores, Jdbi postgres) {
    // No workflow cache and no sticky task queue: Temporal's test server never moves a task off a
    // dead worker's sticky queue (the real server does after 5 s). It also makes every workflow
    // task replay the history, which checks determinism on every step of every test.
    WorkflowServiceStubs stubs = temporal.stubs();
    workerStubs.add(stubs);
    WorkerFactory factory =
        WorkerFactory.newInstance(
            WorkflowClient.newInstance(stubs),
            WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build());
    Worker worker =
        factory.newWorker(
            QUEUE,
            WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build());
    worker.registerWorkflowImplementationTypes(
        DeletionActivityOptions.withGiveUpAfter(giveUpAfter), AccountDeletionWorkflowImpl.class);
    // A 2 s heartbeat timeout: a killed sweep is retried, from its heartbeat, within seconds.
    worker.registerWorkflowImplementationTypes(
        WorkflowImplementationOptions.newBuilder()
            .setActivityOptions(
                Map.of(
                    "SweepCacheBatch",
                    ActivityOptions.newBuilder()
                        .setHeartbeatTimeout(Duration.ofSeconds(2))
                        .build()))
            .build(),
        CacheSweepWorkflowImpl.class);
    CacheSweepActivitiesImpl hookedSweep =
        new CacheSweepActivitiesImpl(
            withStores ? new CacheSweeper(redis) : null,
            page -> {
              Consumer<CacheSweeper.Progress> hook = afterSweepPage.get();
              if (hook != null) {
                hook.accept(page);
              }
            });
    worker.registerActivitiesImplementations(
        DeletionActivities.create(
                postgres,
                Clock.systemUTC(),
                withStores ? redis : null,
                withStores ? search.purger(workerSearchSettings) : null,
                exports,
                ErasureMaps.reference(),
                new CoverageGate(CoverageCheck.reference(postgres)),
                references,
                notifications,
                sweep)
            .stream()
            .map(a -> a instanceof ExportCleanupActivities c ? new HookedExportCleanup(c) : a)
            .map(a -> a instanceof CacheSweepActivities ? hookedSweep : a)
            .toArray());
    factory.start();
    factories.add(factory);
    return factory;
  }

  /** Workers started from now on join deletions to the cache sweep. */
  void enableSweep(CacheSweepSettings settings) {
    sweep = settings;
  }

  /** The running sweeper, for its status. */
  CacheSweepWorkflow sweeper() {
    return temporal
        .client()
        .newWorkflowStub(CacheSweepWorkflow.class, CacheSweepWorkflow.WORKFLOW_ID);
  }

  void afterNextEraseExports(Runnable hook) {
    afterEraseExports.set(hook);
  }

  private final class HookedExportCleanup implements ExportCleanupActivities {
    private final ExportCleanupActivities real;

    HookedExportCleanup(ExportCleanupActivities real) {
      this.real = real;
    }

    @Override
    public long eraseUserExports(EraseExportsInput input) {
      long deleted = real.eraseUserExports(input);
      Runnable hook = afterEraseExports.getAndSet(null);
      if (hook != null) {
        hook.run();
      }
      return deleted;
    }
  }

  DeletionRequest request(UUID user, boolean keepPublicTracks) {
    return new DeletionRequest(
        user.toString(),
        keepPublicTracks,
        "user",
        Instant.ofEpochMilli(temporal.currentTimeMillis()),
        Duration.ofDays(30));
  }

  /**
   * The workflow's result; on a hang, fails with the history's event types to show where it
   * stopped.
   */
  DeletionReceipt result(UUID user) {
    try {
      return temporal.skippingWhile(
          () ->
              starter
                  .untyped(user.toString())
                  .getResult(90, TimeUnit.SECONDS, DeletionReceipt.class));
    } catch (TimeoutException e) {
      var events =
          temporal
              .client()
              .fetchHistory(AccountDeletionWorkflow.workflowId(user.toString()))
              .getEvents()
              .stream()
              .map(ev -> ev.getEventType().name().replace("EVENT_TYPE_", ""))
              .toList();
      throw new AssertionError("deletion did not finish within 90 s; history: " + events, e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A user with rows in every table, 154 Redis keys and documents in all three indices. */
  Seeded seed(UUID user, String name) throws IOException {
    rows.user(user, name);
    UUID public1 = rows.track(user, true, name);
    UUID public2 = rows.track(user, true, name);
    UUID private1 = rows.track(user, false, name);
    UUID playlist = rows.playlist(user, public1, private1);
    rows.session(user);
    rows.session(user);
    rows.play(user, public1);
    rows.message(user, user, "note to self from " + name);

    try (RespClient r = RespClient.connect(TestRedis.shared().host(), TestRedis.shared().port())) {
      for (String suffix : List.of("profile", "session", "settings", "feed")) {
        r.command("SET", "user:" + user + ":" + suffix, name);
      }
      for (int i = 0; i < 150; i++) {
        r.command("SET", "user:" + user + ":recent:" + i, "track-" + i);
      }
    }

    search.index(
        search.settings.usersIndex(), Map.of(user.toString(), Map.of("display_name", name)));
    Map<String, Map<String, Object>> tracks = new java.util.HashMap<>();
    tracks.putAll(
        SearchIndexPurgerTest.trackDocs(
            user, name, List.of(public1.toString(), public2.toString()), true));
    tracks.putAll(SearchIndexPurgerTest.trackDocs(user, name, List.of(private1.toString()), false));
    search.index(search.settings.tracksIndex(), tracks);
    search.index(
        search.settings.playlistsIndex(),
        Map.of(playlist.toString(), Map.of("name", name + "'s mix", "owner_id", user.toString())));
    return new Seeded(user, name, List.of(public1, public2), private1, playlist);
  }

  record Seeded(UUID id, String name, List<UUID> publicTracks, UUID privateTrack, UUID playlist) {}

  /** Keys that are not the victim's: another user's and global ones. */
  void seedOtherKeys(UUID other) {
    try (RespClient r = RespClient.connect(TestRedis.shared().host(), TestRedis.shared().port())) {
      r.command("SET", "user:" + other + ":profile", "x");
      r.command("SET", "user:" + other + ":feed", "x");
      r.command("SET", "global:charts", "x");
      r.command("SET", "sessions:index", "x");
    }
  }

  long redisKeys(String pattern) {
    long count = 0;
    String cursor = "0";
    try (RespClient r = RespClient.connect(TestRedis.shared().host(), TestRedis.shared().port())) {
      do {
        List<?> reply = (List<?>) r.command("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
        cursor = reply.get(0).toString();
        count += ((List<?>) reply.get(1)).size();
      } while (!"0".equals(cursor));
    }
    return count;
  }

  /**
   * Kills every worker as a crash would: no graceful stop, and its connection to Temporal drops.
   */
  void killWorkers() {
    for (WorkerFactory factory : factories) {
      factory.shutdownNow();
    }
    for (WorkflowServiceStubs stubs : workerStubs) {
      stubs.shutdownNow();
    }
    for (WorkerFactory factory : factories) {
      factory.awaitTermination(10, TimeUnit.SECONDS);
    }
    factories.clear();
    workerStubs.clear();
  }

  @Override
  public void close() throws IOException {
    killWorkers();
    temporal.close();
    redis.close();
    redisProxy.close();
    searchProxy.close();
    postgresProxy.close();
    search.close();
  }
}
