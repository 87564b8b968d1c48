package com.veza.erasure.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.codahale.metrics.MetricRegistry;
import com.veza.erasure.activities.db.Jdbis;
import com.veza.erasure.activities.db.Migrations;
import com.veza.erasure.activities.deletion.DeletionActivities;
import com.veza.erasure.activities.deletion.SearchIndexPurger;
import com.veza.erasure.activities.export.LocalDirectoryExportStorage;
import com.veza.erasure.activities.redis.RedisConnector;
import com.veza.erasure.activities.redis.RedisSettings;
import com.veza.erasure.activities.search.SearchClientFactory;
import com.veza.erasure.activities.search.SearchSettings;
import com.veza.erasure.testing.TestDatabase;
import com.veza.erasure.testing.TestElasticsearch;
import com.veza.erasure.testing.TestPostgres;
import com.veza.erasure.testing.TestRedis;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The stores a worker has, as the worker-app configures them: a fresh migrated PostgreSQL database
 * behind a Dropwizard connection pool of the worker's size, Redis, and Elasticsearch indices of
 * this run's own prefix.
 */
final class BenchStores implements AutoCloseable {

  /** worker-app/config.yml's {@code database.maxSize}. */
  static final int POOL_SIZE = 16;

  final TestDatabase database;
  final Jdbi jdbi;
  final RedisConnector redis;
  final SearchSettings search;
  final ElasticsearchClient searchClient;
  final Path exports;
  private final ManagedDataSource pool;

  private BenchStores(
      TestDatabase database,
      ManagedDataSource pool,
      RedisConnector redis,
      SearchSettings search,
      ElasticsearchClient searchClient,
      Path exports) {
    this.database = database;
    this.pool = pool;
    this.jdbi = Jdbis.create(pool);
    this.redis = redis;
    this.search = search;
    this.searchClient = searchClient;
    this.exports = exports;
  }

  static BenchStores start() throws IOException {
    TestDatabase db =
        TestPostgres.shared()
            .newDatabase(
                "veza-erasure-bench-" + UUID.randomUUID(), ds -> Migrations.migrate(ds, true));
    DataSourceFactory factory = new DataSourceFactory();
    factory.setDriverClass("org.postgresql.Driver");
    factory.setUrl(db.jdbcUrl());
    factory.setUser(db.user());
    factory.setPassword(db.password() == null ? "" : db.password());
    factory.setMaxSize(POOL_SIZE);
    ManagedDataSource pool = factory.build(new MetricRegistry(), "bench");
    TestRedis.shared().flushAll();
    RedisConnector redis = new RedisConnector(RedisSettings.standalone(TestRedis.shared().uri()));
    String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    SearchSettings search =
        SearchSettings.of(TestElasticsearch.shared().httpUrl()).withIndexPrefix(prefix);
    return new BenchStores(
        db,
        pool,
        redis,
        search,
        SearchClientFactory.create(search),
        Files.createTempDirectory("veza-bench-exports-"));
  }

  /** Every deletion activity, wired exactly as the worker-app wires them. */
  List<Object> activities() {
    return DeletionActivities.create(
        jdbi,
        Clock.systemUTC(),
        redis,
        new SearchIndexPurger(searchClient, search),
        new LocalDirectoryExportStorage(exports));
  }

  @Override
  public void close() throws IOException {
    for (String index :
        List.of(search.usersIndex(), search.tracksIndex(), search.playlistsIndex())) {
      searchClient.indices().delete(d -> d.index(index).ignoreUnavailable(true));
    }
    SearchClientFactory.close(searchClient);
    redis.close();
    try {
      pool.stop();
    } catch (Exception e) {
      throw new IOException("closing the connection pool", e);
    }
  }
}
