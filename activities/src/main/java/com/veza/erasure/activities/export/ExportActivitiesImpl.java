package com.veza.erasure.activities.export;

import com.veza.erasure.common.ErasureErrors;
import com.veza.erasure.common.UserIds;
import com.veza.erasure.export.BuildExportInput;
import com.veza.erasure.export.BuiltExport;
import com.veza.erasure.export.ExpireExportInput;
import com.veza.erasure.export.ExportActivities;
import com.veza.erasure.export.MarkFailedInput;
import com.veza.erasure.export.MarkReadyInput;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class ExportActivitiesImpl implements ExportActivities {
  private static final Logger log = LoggerFactory.getLogger(ExportActivitiesImpl.class);

  private final ExportDao exports;
  private final ExportZipWriter writer;
  private final ExportStorage storage;
  private final Clock clock;

  public ExportActivitiesImpl(Jdbi jdbi, ExportStorage storage, Clock clock) {
    this.exports = jdbi.onDemand(ExportDao.class);
    this.writer = new ExportZipWriter(jdbi);
    this.storage = storage;
    this.clock = clock;
  }

  @Override
  public BuiltExport buildExport(BuildExportInput input) {
    UUID userId = UserIds.parse(input.userId());
    UUID exportId = UserIds.parse(input.exportId());
    ExportDao.ExportRow row =
        exports
            .find(exportId)
            .filter(r -> r.userId().equals(userId))
            .orElseThrow(() -> ErasureErrors.INVALID_INPUT.failure("no export row for this user"));
    // A retried build of a published export returns the published file.
    if ("READY".equals(row.status()) && row.storageKey() != null && exists(row.storageKey())) {
      return new BuiltExport(row.storageKey(), row.sizeBytes(), row.sha256(), Map.of());
    }
    // An erased account is never exported again, whatever was requested before the erasure.
    if (!exports.userExportable(userId) || exports.markRunning(exportId, clock.instant()) == 0) {
      throw ErasureErrors.USER_NOT_FOUND.failure("user erased or export no longer pending");
    }
    // This attempt's own key: an attempt whose heartbeat timed out may still be writing, and
    // neither its file nor its failure cleanup may touch what the retry publishes.
    String key = ExportStorage.newAttemptKey(userId.toString(), exportId.toString());
    long started = System.nanoTime();
    LongConsumer heartbeat = heartbeat();
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      CountingOutputStream counted;
      Map<String, Long> counts;
      try (OutputStream file = storage.create(key)) {
        counted = new CountingOutputStream(new DigestOutputStream(file, sha256));
        counts = writer.write(userId, counted, heartbeat);
        counted.flush();
      }
      // Erased while this was written: the erasure may have swept the location already, so the
      // file is this attempt's to remove.
      if (!exports.userExportable(userId)) {
        deleteQuietly(key);
        throw ErasureErrors.USER_NOT_FOUND.failure("account erased during the export");
      }
      BuiltExport built =
          new BuiltExport(key, counted.count, HexFormat.of().formatHex(sha256.digest()), counts);
      log.info(
          "Export {} built: {} bytes, rows {} in {} ms",
          exportId,
          built.sizeBytes(),
          counts,
          (System.nanoTime() - started) / 1_000_000);
      return built;
    } catch (IOException | RuntimeException e) {
      // Only this attempt's key: the published file, if any, is another attempt's.
      deleteQuietly(key);
      if (e instanceof IOException io) {
        throw new UncheckedIOException("export storage write failed", io);
      }
      throw (RuntimeException) e;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void markReady(MarkReadyInput input) {
    UUID exportId = UserIds.parse(input.exportId());
    BuiltExport built = input.built();
    int updated =
        exports.markReady(
            exportId,
            input.readyAt(),
            input.expiresAt(),
            built.sizeBytes(),
            built.sha256(),
            built.storageKey());
    if (updated == 0) {
      Optional<ExportDao.ExportRow> row = exports.find(exportId);
      if (row.map(r -> built.storageKey().equals(r.storageKey())).orElse(false)) {
        return; // this markReady, retried after it committed
      }
      // Not published (another attempt's key was, or the account is erased): the file is an
      // orphan, and its key is this attempt's alone.
      deleteQuietly(built.storageKey());
      if (row.map(r -> r.anonymizedAt() != null).orElse(false)) {
        throw ErasureErrors.USER_NOT_FOUND.failure("account erased during the export");
      }
    }
  }

  @Override
  public void markFailed(MarkFailedInput input) {
    UUID exportId = UserIds.parse(input.exportId());
    deleteAttemptFiles(exportId, null);
    exports.markFailed(exportId, input.errorCode(), clock.instant());
  }

  @Override
  public void expireExport(ExpireExportInput input) {
    UUID exportId = UserIds.parse(input.exportId());
    deleteAttemptFiles(exportId, input.storageKey());
    exports.markExpired(exportId);
  }

  /**
   * The published file ({@code storageKey}, which may be in the first layout) and every attempt's
   * file of the export: a stalled attempt that finished after a retry leaves a file no row names.
   */
  private void deleteAttemptFiles(UUID exportId, String storageKey) {
    try {
      if (storageKey != null) {
        storage.delete(storageKey);
      }
      Optional<ExportDao.ExportRow> row = exports.find(exportId);
      if (row.isPresent()) {
        storage.deleteAll(
            ExportStorage.exportLocation(row.get().userId().toString(), exportId.toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the export's files", e);
    }
  }

  private boolean exists(String key) {
    try {
      return storage.exists(key);
    } catch (IOException e) {
      return false;
    }
  }

  private void deleteQuietly(String key) {
    try {
      storage.delete(key);
    } catch (IOException | RuntimeException e) {
      log.warn("could not delete partial export {}: {}", key, e.toString());
    }
  }

  /** Heartbeats when running as an activity; a no-op when called directly (tests, tools). */
  private static LongConsumer heartbeat() {
    ActivityExecutionContext context;
    try {
      context = Activity.getExecutionContext();
    } catch (RuntimeException notInAnActivity) {
      return rows -> {};
    }
    return context::heartbeat;
  }

  private static final class CountingOutputStream extends java.io.FilterOutputStream {
    long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
