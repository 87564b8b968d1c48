package com.veza.erasure.activities.export;

import com.veza.erasure.common.UserIds;
import com.veza.erasure.export.EraseExportsInput;
import com.veza.erasure.export.ExportCleanupActivities;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Account erasure's export step: a ZIP of the user's data must not outlive the account. */
public final class ExportCleanupActivitiesImpl implements ExportCleanupActivities {
  private static final Logger log = LoggerFactory.getLogger(ExportCleanupActivitiesImpl.class);

  private final ExportDao exports;
  private final ExportStorage storage;
  private final Clock clock;

  public ExportCleanupActivitiesImpl(Jdbi jdbi, ExportStorage storage, Clock clock) {
    this.exports = jdbi.onDemand(ExportDao.class);
    this.storage = storage;
    this.clock = clock;
  }

  @Override
  public long eraseUserExports(EraseExportsInput input) {
    UUID userId = UserIds.parse(input.userId());
    // Rows first: a markReady landing after this finds its row anonymized and deletes its own
    // file, instead of publishing a key this erasure would never hear of.
    int rows = exports.anonymize(userId, clock.instant());
    long deleted;
    try {
      // The whole location, not the keys the rows name: a ZIP never marked READY, a killed
      // build's temporary file and a late attempt's file are named by no row.
      deleted = storage.deleteAll(ExportStorage.userLocation(userId.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the user's export files", e);
    }
    log.info("Erased exports of {}: {} files deleted, {} rows anonymized", userId, deleted, rows);
    return deleted;
  }
}
