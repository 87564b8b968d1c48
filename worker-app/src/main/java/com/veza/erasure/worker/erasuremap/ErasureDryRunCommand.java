package com.veza.erasure.worker.erasuremap;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.codahale.metrics.MetricRegistry;
import com.veza.erasure.activities.db.Jdbis;
import com.veza.erasure.activities.deletion.SearchIndexPurger;
import com.veza.erasure.activities.erasuremap.ErasureMaps;
import com.veza.erasure.activities.erasuremap.TableRule;
import com.veza.erasure.activities.erasuremap.ValidatedErasureMap;
import com.veza.erasure.activities.mapsql.ErasureMapDryRun;
import com.veza.erasure.activities.search.SearchClientFactory;
import com.veza.erasure.activities.search.SearchSettings;
import com.veza.erasure.common.UserIds;
import com.veza.erasure.worker.WorkerConfiguration;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code java -jar worker-app.jar erasure-dry-run config.yml <userId>}: what each rule of the
 * configured erasure map would touch for one user, counts only, read-only: rows per table rule and,
 * with Elasticsearch enabled, per index of the map the user's own doc and the docs found by owner
 * field. Validates the map as the worker's start does; a bad map exits non-zero with the same
 * message.
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
      if (config.getElasticsearch() != null && config.getElasticsearch().isEnabled()) {
        printSearch(config.getElasticsearch().settings(), map, user);
      }
    } finally {
      dataSource.stop();
    }
  }

  /** Per index of the map: the subject's doc, where doc ids come from, docs by owner field. */
  private void printSearch(SearchSettings settings, ValidatedErasureMap map, UUID user) {
    Map<String, String> snapshotTables = new LinkedHashMap<>();
    map.rules().stream()
        .map(ValidatedErasureMap.NamedRule::rule)
        .filter(TableRule::snapshot)
        .forEach(r -> snapshotTables.putIfAbsent(r.effectiveSnapshotKind(), r.table()));
    ElasticsearchClient client = SearchClientFactory.create(settings);
    try {
      for (SearchIndexPurger.IndexDryRun index :
          new SearchIndexPurger(client, settings).forMap(map).dryRun(user, snapshotTables)) {
        List<String> parts = new ArrayList<>();
        if (index.subjectDoc() != null) {
          parts.add(index.subjectDoc() ? "the user's doc: delete" : "no doc of the user's id");
        }
        if (index.snapshotTable() != null) {
          parts.add("docs of the " + index.snapshotTable() + " rows above: delete or keep");
        }
        if (index.byOwnerField() != null) {
          parts.add(index.byOwnerField() + " doc(s) by owner field");
        }
        out.println(
            "elasticsearch "
                + index.name()
                + " ("
                + index.index()
                + "): "
                + String.join("; ", parts));
      }
    } finally {
      SearchClientFactory.close(client);
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
