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
    long deleted = 0;
    // Files first: a crash in between leaves keys to retry with, never a row pointing nowhere
    // unnoticed.
    for (String key : exports.storageKeysOf(userId)) {
      try {
        if (storage.delete(key)) {
          deleted++;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not delete an export file", e);
      }
    }
    int rows = exports.anonymize(userId, clock.instant());
    log.info("Erased exports of {}: {} files deleted, {} rows anonymized", userId, deleted, rows);
    return deleted;
  }
}
