package com.veza.erasure.worker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.veza.erasure.activities.erasuremap.ErasureMapException;
import com.veza.erasure.testing.TestElasticsearch;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A map naming a column that does not exist, or a search rule the index mappings cannot serve,
 * stops the worker before it polls.
 */
class BadErasureMapTest {

  @RegisterExtension static final WorkerWorld world = new WorkerWorld();

  @TempDir Path dir;

  @Test
  void givenAMapWithAnUnknownColumn_whenTheWorkerStarts_itStopsWithTheRuleNamed()
      throws IOException {
    Path map =
        Files.writeString(
            dir.resolve("map.yml"),
            """
            version: 1
            subject: {table: users, id: id}
            postgres:
              tables:
                - {table: sessions, userColumn: user_id, action: delete}
                - {table: messages, userColumn: author_id, action: delete}
            """);
    DropwizardTestSupport<WorkerConfiguration> app =
        world.app("deletion.erasureMap", map.toString());
    try {
      assertThatThrownBy(app::before)
          .isInstanceOf(ErasureMapException.class)
          .hasMessageContaining(
              "postgres.tables[1] (messages): column \"author_id\" does not exist in messages");
    } finally {
      app.after();
    }
  }

  @Test
  void givenATracksIndexWhoseOwnerFieldIsAnalysedText_whenTheWorkerStarts_itStopsNamingTheRule()
      throws IOException {
    String url = TestElasticsearch.shared().httpUrl();
    // A term query on analysed text finds nothing: the sweep by creator_id would miss every doc.
    try (TextOwnerFieldIndex tracks = new TextOwnerFieldIndex("badmap-tracks")) {
      DropwizardTestSupport<WorkerConfiguration> app =
          world.app(
              "elasticsearch.enabled",
              "true",
              "elasticsearch.url",
              url,
              "elasticsearch.tracksIndex",
              tracks.name);
      try {
        assertThatThrownBy(app::before)
            .isInstanceOf(ErasureMapException.class)
            .hasMessageContaining("does not fit the Elasticsearch mappings")
            .hasMessageContaining("elasticsearch.indices[1] (tracks)")
            .hasMessageContaining("owner field creator_id is mapped as text");
      } finally {
        app.after();
      }
    }
  }
}
