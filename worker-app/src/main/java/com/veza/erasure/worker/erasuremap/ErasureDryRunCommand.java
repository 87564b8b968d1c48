package com.veza.erasure.worker.erasuremap;

import com.codahale.metrics.MetricRegistry;
import com.veza.erasure.activities.db.Jdbis;
import com.veza.erasure.activities.erasuremap.ErasureMaps;
import com.veza.erasure.activities.erasuremap.TableRule;
import com.veza.erasure.activities.erasuremap.ValidatedErasureMap;
import com.veza.erasure.activities.mapsql.ErasureMapDryRun;
import com.veza.erasure.common.UserIds;
import com.veza.erasure.worker.WorkerConfiguration;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.io.PrintStream;
import java.util.Map;
import java.util.UUID;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code java -jar worker-app.jar erasure-dry-run config.yml <userId>}: what each rule of the
 * configured erasure map would touch for one user, counts only, read-only. Validates the map as the
 * worker's start does; a bad map exits non-zero with the same message.
 */
public final class ErasureDryRunCommand extends ConfiguredCommand<WorkerConfiguration> {
  private final PrintStream out;

  public ErasureDryRunCommand() {
    this(System.out);
  }

  ErasureDryRunCommand(PrintStream out) {
    super(
        "erasure-dry-run", "Counts what the erasure map would touch for one user; changes nothing");
    this.out = out;
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("userId").help("the user's UUID");
  }

  @Override
  protected void run(
      Bootstrap<WorkerConfiguration> bootstrap, Namespace namespace, WorkerConfiguration config)
      throws Exception {
    UUID user = UserIds.parse(namespace.getString("userId"));
    ManagedDataSource dataSource =
        config.getDatabase().build(new MetricRegistry(), "erasure-dry-run");
    try {
      var jdbi = Jdbis.create(dataSource);
      ValidatedErasureMap map =
          ErasureMaps.loadValidated(config.getDeletion().getErasureMap(), jdbi);
      print(map, new ErasureMapDryRun(jdbi, map).countsFor(user));
    } finally {
      dataSource.stop();
    }
  }

  private void print(ValidatedErasureMap map, Map<String, ErasureMapDryRun.RuleCounts> counts) {
    out.println("erasure map " + map.source() + " (sha256 " + map.sha256() + ")");
    counts.forEach(
        (rule, c) -> {
          String line =
              c.action() == TableRule.Action.ANONYMIZE
                  ? rule + ": anonymize " + c.changed() + " of " + c.reached() + " row(s)"
                  : rule + ": delete " + c.changed() + " row(s)";
          if (c.kept() != null) {
            line += "; with keep_public_tracks " + c.kept() + " kept and anonymized instead";
          }
          out.println(line);
        });
  }
}
