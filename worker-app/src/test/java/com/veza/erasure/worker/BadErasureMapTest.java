package com.veza.erasure.worker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.veza.erasure.activities.erasuremap.ErasureMapException;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A map naming a column that does not exist stops the worker before it polls. */
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
}
