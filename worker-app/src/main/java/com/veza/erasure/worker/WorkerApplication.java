package com.veza.erasure.worker;

import com.veza.erasure.activities.coverage.CoverageCheck;
import com.veza.erasure.activities.coverage.CoverageGate;
import com.veza.erasure.activities.db.Migrations;
import com.veza.erasure.activities.deletion.CacheSweepSettings;
import com.veza.erasure.activities.deletion.SearchIndexPurger;
import com.veza.erasure.activities.deletion.SearchMappingCheck;
import com.veza.erasure.activities.erasuremap.ErasureMaps;
import com.veza.erasure.activities.erasuremap.ValidatedErasureMap;
import com.veza.erasure.activities.export.ExportStorage;
import com.veza.erasure.activities.export.LocalDirectoryExportStorage;
import com.veza.erasure.activities.export.MailSettings;
import com.veza.erasure.activities.redis.RedisConnector;
import com.veza.erasure.worker.backfill.BackfillWorker;
import com.veza.erasure.worker.backfill.LegacyBackfillScheduler;
import com.veza.erasure.worker.coverage.CheckMapCommand;
import com.veza.erasure.worker.coverage.CoverageFactory;
import com.veza.erasure.worker.coverage.CoverageHealthCheck;
import com.veza.erasure.worker.deletion.DeletionMetrics;
import com.veza.erasure.worker.deletion.DeletionWorker;
import com.veza.erasure.worker.erasuremap.ErasureDryRunCommand;
import com.veza.erasure.worker.export.ExportWorker;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal worker (docs/design.md#modules): runs the erasure workflows and their activities
 * against PostgreSQL and, when configured, Redis and Elasticsearch. Health checks and Prometheus
 * metrics are on the admin port.
 */
public class WorkerApplication extends Application<WorkerConfiguration> {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerApplication.class);

  public static void main(String[] args) throws Exception {
    new WorkerApplication().run(args);
  }

  @Override
  public String getName() {
    return "veza-erasure-worker";
  }

  @Override
  public void initialize(Bootstrap<WorkerConfiguration> bootstrap) {
    // Non-strict: ${VAR:-default} everywhere, secrets from the environment only.
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    bootstrap.addCommand(new CheckMapCommand());
    bootstrap.addCommand(new ErasureDryRunCommand());
  }

  @Override
  public void run(WorkerConfiguration config, Environment environment) {
    PrometheusMeterRegistry meters = PrometheusMetrics.register(environment);

    // Migrations now, synchronously: the worker only polls once the schema it writes is there.
    ManagedDataSource dataSource = config.getDatabase().build(environment.metrics(), "postgresql");
    Migrations.migrate(dataSource, config.getMigrations().isApplyReferenceSchema());
    Jdbi jdbi =
        new JdbiFactory()
            .build(environment, config.getDatabase(), dataSource, "postgresql")
            .installPlugin(new SqlObjectPlugin())
            .installPlugin(new PostgresPlugin());

    // Before any worker polls: a map naming a table or column that does not exist stops the start.
    ValidatedErasureMap erasureMap =
        ErasureMaps.loadValidated(config.getDeletion().getErasureMap(), jdbi);
    LOG.info(
        "Erasure map {} (sha256 {}): {} table rules",
        erasureMap.source(),
        erasureMap.sha256(),
        erasureMap.rules().size());

    RedisConnector redis =
        config.getRedis() == null
            ? null
            : config.getRedis().build(environment, erasureMap.redisPatterns());
    SearchIndexPurger search =
        config.getElasticsearch() == null ? null : config.getElasticsearch().build(environment);
    if (search != null) {
      // An owner field no term query can match, or an update of a field the index lacks, would
      // leave docs named by the user while the receipt says erased: stop as for a bad table rule.
      SearchMappingCheck.Result mappings =
          new SearchMappingCheck(search.client()).check(search.forMap(erasureMap).targets());
      mappings.throwIfInvalid(erasureMap.source());
      mappings
          .notChecked()
          .forEach(why -> LOG.info("Erasure map search rule not checked: {}", why));
    }

    // Built (and so managed) after the stores: stopped before them, so in-flight activities keep
    // their connections while the worker drains.
    TemporalWorkerManaged temporal =
        config.getTemporal().build(environment, meters, List.of(new DeletionMetrics(meters)));
    ExportStorage exports =
        new LocalDirectoryExportStorage(Path.of(config.getExports().getDirectory()));
    CoverageFactory coverageConfig = config.getDeletion().getCoverage();
    CoverageCheck coverage =
        coverageConfig.build(
            jdbi,
            search == null ? null : search.client(),
            CoverageFactory.rules(erasureMap, search == null ? null : search.settings()));
    CoverageHealthCheck.register(environment, coverage, coverageConfig.getCheckInterval());
    MailSettings mail = config.getMail().build(config.getExports().getDownloadBaseUrl());
    DeletionWorker.register(
        temporal.worker(),
        jdbi,
        Clock.systemUTC(),
        redis,
        search,
        exports,
        erasureMap,
        new CoverageGate(coverage),
        config.getDeletion(),
        config.getReferences().build(),
        config.getNotifications().build(mail),
        config.getRedis() == null
            ? CacheSweepSettings.disabled()
            : config.getRedis().getSweep().settings());
    BackfillWorker.register(temporal.worker(), temporal.client(), jdbi, Clock.systemUTC());
    // Managed after the worker: the schedule is made once the worker polls its queue.
    environment
        .lifecycle()
        .manage(
            new LegacyBackfillScheduler(
                ScheduleClient.newInstance(
                    temporal.client().getWorkflowServiceStubs(),
                    ScheduleClientOptions.newBuilder()
                        .setNamespace(temporal.client().getOptions().getNamespace())
                        .build()),
                config.getBackfill(),
                temporal.worker().getTaskQueue()));
    ExportWorker.register(temporal.worker(), jdbi, Clock.systemUTC(), exports, mail);
  }
}
