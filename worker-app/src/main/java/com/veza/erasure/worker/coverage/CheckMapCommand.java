package com.veza.erasure.worker.coverage;

import ch.qos.logback.classic.Level;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.veza.erasure.activities.coverage.CoverageGap;
import com.veza.erasure.activities.coverage.CoverageReport;
import com.veza.erasure.activities.db.Jdbis;
import com.veza.erasure.activities.deletion.SearchMappingCheck;
import com.veza.erasure.activities.deletion.SearchTarget;
import com.veza.erasure.activities.erasuremap.ErasureMapException;
import com.veza.erasure.activities.erasuremap.ErasureMaps;
import com.veza.erasure.activities.erasuremap.ValidatedErasureMap;
import com.veza.erasure.activities.search.SearchClientFactory;
import com.veza.erasure.activities.search.SearchSettings;
import com.veza.erasure.worker.WorkerConfiguration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import java.io.PrintStream;
import net.sourceforge.argparse4j.inf.Namespace;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar worker-app.jar check-map config.yml}: the erasure map's validation and the
 * coverage check once, for the platform's CI (docs/operations.md#running-check-map-in-your-ci);
 * with Elasticsearch enabled, the map's search rules against the index mappings too. Prints each
 * gap and exits 1 when there is any, when the map is invalid, or when PostgreSQL cannot be read; 0
 * otherwise. Reads the catalogs only: it migrates nothing and reads no row.
 */
public final class CheckMapCommand extends ConfiguredCommand<WorkerConfiguration> {
  public static final String NAME = "check-map";

  private static final String POOL_LOGGER = "org.apache.tomcat.jdbc.pool";

  private final PrintStream out;

  public CheckMapCommand() {
    this(System.out);
  }

  /**
   * @param out where the gaps are printed
   */
  public CheckMapCommand(PrintStream out) {
    super(NAME, "Checks that the erasure map covers the database; exits non-zero on a gap");
    this.out = out;
  }

  /** The command's outcome when it is not "no gaps": its message is all the operator needs. */
  static final class CheckMapFailure extends Exception {
    private static final long serialVersionUID = 1L;

    CheckMapFailure(String message) {
      super(message);
    }
  }

  @Override
  protected void run(
      Bootstrap<WorkerConfiguration> bootstrap, Namespace namespace, WorkerConfiguration config)
      throws Exception {
    // Its stack trace of a refused connection would bury the one line this command prints.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(POOL_LOGGER)).setLevel(Level.OFF);
    DataSourceFactory database = config.getDatabase();
    ManagedDataSource dataSource = database.build(bootstrap.getMetricRegistry(), NAME);
    SearchSettings searchSettings =
        config.getElasticsearch() != null && config.getElasticsearch().isEnabled()
            ? config.getElasticsearch().settings()
            : null;
    ElasticsearchClient search =
        searchSettings == null ? null : SearchClientFactory.create(searchSettings);
    try {
      CoverageReport report =
          check(config, dataSource, search, searchSettings, withoutQuery(database.getUrl()));
      for (CoverageGap gap : report.gaps()) {
        out.println("GAP " + gap.name() + ": " + gap.why());
      }
      for (String unchecked : report.unchecked()) {
        out.println("NOT CHECKED " + unchecked);
      }
      out.println(report.hasGaps() ? report.gaps().size() + " gap(s)" : "no coverage gaps");
      out.flush();
      if (report.hasGaps()) {
        throw new CheckMapFailure(
            report.gaps().size()
                + " coverage gap(s): add a rule or an ignore entry to the erasure map for each");
      }
    } finally {
      SearchClientFactory.close(search);
      dataSource.stop();
    }
  }

  private static CoverageReport check(
      WorkerConfiguration config,
      ManagedDataSource dataSource,
      ElasticsearchClient search,
      SearchSettings searchSettings,
      String databaseUrl)
      throws CheckMapFailure {
    try {
      Jdbi jdbi = Jdbis.create(dataSource);
      // The map first: gaps are only meaningful against rules the worker would accept.
      ValidatedErasureMap map =
          ErasureMaps.loadValidated(config.getDeletion().getErasureMap(), jdbi);
      if (search != null) {
        new SearchMappingCheck(search)
            .check(SearchTarget.of(map, searchSettings))
            .throwIfInvalid(map.source());
      }
      return config
          .getDeletion()
          .getCoverage()
          .build(jdbi, search, CoverageFactory.rules(map, searchSettings))
          .run();
    } catch (ErasureMapException e) {
      throw new CheckMapFailure("invalid erasure map: " + e.getMessage());
    } catch (ConnectionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new CheckMapFailure(
          "cannot connect to PostgreSQL at " + databaseUrl + ": " + cause.getMessage());
    }
  }

  /** The URL without its query string, where a password may be. */
  private static String withoutQuery(String url) {
    int query = url == null ? -1 : url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    if (e instanceof CheckMapFailure) {
      cli.getStdErr().println(NAME + ": " + e.getMessage());
      cli.getStdErr().flush();
    } else {
      super.onError(cli, namespace, e);
    }
  }
}
