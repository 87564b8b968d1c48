package com.veza.erasure.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * TEMPORARY stand-in with the API of the test-support module's TestPostgres (branch testsupport),
 * until that lands; delete this file and TestDatabase.java on merge.
 */
public final class TestPostgres {
  private static TestPostgres shared;

  private final EmbeddedPostgres pg;
  private final Set<String> templates = new HashSet<>();
  private final AtomicInteger counter = new AtomicInteger();

  private TestPostgres(EmbeddedPostgres pg) {
    this.pg = pg;
  }

  public static synchronized TestPostgres shared() {
    if (shared == null) {
      try {
        shared = new TestPostgres(EmbeddedPostgres.builder().start());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  public synchronized TestDatabase newDatabase(String templateKey, Consumer<DataSource> init) {
    String template = "tpl_" + templateKey.replaceAll("[^a-zA-Z0-9]", "_").toLowerCase();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      if (templates.add(template)) {
        s.execute("CREATE DATABASE " + template);
        init.accept(dataSource(template));
      }
      String name = "test_" + counter.incrementAndGet();
      s.execute("CREATE DATABASE " + name + " TEMPLATE " + template);
      return new TestDatabase(pg.getJdbcUrl("postgres", name), "postgres", "", dataSource(name));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private DataSource dataSource(String db) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(pg.getJdbcUrl("postgres", db));
    return ds;
  }
}
