package com.veza.erasure.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class TestPostgresTest {

  private static final AtomicInteger templateRuns = new AtomicInteger();

  @Test
  void givenOneTemplate_whenCreatingDatabases_itMigratesOnceAndIsolatesThem() throws SQLException {
    TestPostgres postgres = TestPostgres.shared();

    TestDatabase first = postgres.newDatabase("notes-v1", TestPostgresTest::createNotesTable);
    TestDatabase second = postgres.newDatabase("notes-v1", TestPostgresTest::createNotesTable);

    assertThat(templateRuns).hasValue(1);
    assertThat(first.name()).isNotEqualTo(second.name());
    assertThat(queryInt(first.dataSource(), "select 1")).isEqualTo(1);
    assertThat(queryInt(second.dataSource(), "select 1")).isEqualTo(1);

    execute(first.dataSource(), "insert into notes(body) values ('only in the first')");
    assertThat(queryInt(first.dataSource(), "select count(*) from notes")).isEqualTo(2);
    assertThat(queryInt(second.dataSource(), "select count(*) from notes")).isEqualTo(1);
    assertThat(first.user()).isEqualTo(postgres.user());
    assertThat(first.jdbcUrl()).startsWith("jdbc:postgresql://").endsWith("/" + first.name());
  }

  @Test
  void givenTheEmbeddedServer_itIsPostgres17() throws SQLException {
    TestDatabase database = TestPostgres.shared().newDatabase("empty", dataSource -> {});
    assertThat(queryInt(database.dataSource(), "select current_setting('server_version_num')::int"))
        .isGreaterThanOrEqualTo(System.getenv("VEZA_TEST_POSTGRES_URL") == null ? 170000 : 0);
  }

  private static void createNotesTable(DataSource dataSource) {
    templateRuns.incrementAndGet();
    try {
      execute(dataSource, "create table notes(id serial primary key, body text not null)");
      execute(dataSource, "insert into notes(body) values ('from the template')");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static int queryInt(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet resultSet = statement.executeQuery(sql)) {
      resultSet.next();
      return resultSet.getInt(1);
    }
  }
}
