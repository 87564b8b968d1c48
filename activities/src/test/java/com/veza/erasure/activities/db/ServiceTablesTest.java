package com.veza.erasure.activities.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.testing.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class ServiceTablesTest {

  @Test
  void givenTheServiceMigrations_itNamesEveryTableTheyCreate() {
    DataSource ds = TestPostgres.shared().newDatabase("service-tables-empty", d -> {}).dataSource();
    Migrations.migrate(ds, false);
    List<String> tables =
        new ArrayList<>(
            Jdbis.create(ds)
                .withHandle(
                    h ->
                        h.createQuery(
                                "SELECT table_name FROM information_schema.tables"
                                    + " WHERE table_schema = 'public'")
                            .mapTo(String.class)
                            .list()));
    // The reference group's history table exists in tests and local runs only.
    tables.add(Migrations.REFERENCE_HISTORY);

    assertThat(ServiceTables.NAMES).containsExactlyInAnyOrderElementsOf(tables);
  }
}
