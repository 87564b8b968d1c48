package com.veza.erasure.activities.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Applies the Flyway migrations in two independent groups (docs/design.md#migration-groups), each
 * with its own history table so that either can evolve without renumbering the other:
 *
 * <ul>
 *   <li>{@code db/reference}: a mirror of the Veza platform tables, only for tests and local runs
 *       (in production those tables already exist and belong to the platform);
 *   <li>{@code db/erasure}: the service's own tables, always applied.
 * </ul>
 */
public final class Migrations {
  static final String REFERENCE_LOCATION = "classpath:db/reference";
  static final String ERASURE_LOCATION = "classpath:db/erasure";
  static final String REFERENCE_HISTORY = "flyway_reference_history";
  static final String ERASURE_HISTORY = "flyway_erasure_history";

  private Migrations() {}

  public static void migrate(DataSource dataSource, boolean applyReferenceSchema) {
    // Reference first: the service's tables may one day point at platform tables.
    if (applyReferenceSchema) {
      flyway(dataSource, REFERENCE_LOCATION, REFERENCE_HISTORY).migrate();
    }
    flyway(dataSource, ERASURE_LOCATION, ERASURE_HISTORY).migrate();
  }

  private static Flyway flyway(DataSource dataSource, String location, String historyTable) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(location)
        .table(historyTable)
        // The schema is never empty for the second group (the platform's tables, or the other
        // group's): baseline at 0 so that an absent history table still runs every V1+.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .failOnMissingLocations(true)
        .load();
  }
}
