package com.veza.erasure.activities.db;

import java.util.Set;

/**
 * The tables this service's migrations create (and their Flyway history tables): they are the
 * service's records, erased or kept by its own code, never platform data for the coverage check.
 * {@code ServiceTablesTest} keeps this list equal to what the migrations create.
 */
public final class ServiceTables {
  public static final Set<String> NAMES =
      Set.of(
          "deletion_requests",
          "deletion_content_snapshot",
          "data_exports",
          // Ids and times of the deletions a legacy backfill pass started, like the ledger's.
          "legacy_backfill_starts",
          // The completion notice's address until it is sent, and reference track ids: both go
          // with their ledger row.
          "deletion_notice_outbox",
          "deletion_third_party_references",
          Migrations.ERASURE_HISTORY,
          Migrations.REFERENCE_HISTORY);

  private ServiceTables() {}
}
