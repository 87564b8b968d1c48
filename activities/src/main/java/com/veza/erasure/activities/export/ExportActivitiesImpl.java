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
    String key = ExportStorage.keyOf(userId.toString(), exportId.toString());
    if ("READY".equals(row.status()) && key.equals(row.storageKey()) && exists(key)) {
      return new BuiltExport(key, row.sizeBytes(), row.sha256(), Map.of());
    }
    // An erased account is never exported again, whatever was requested before the erasure.
    if (!exports.userExportable(userId) || exports.markRunning(exportId, clock.instant()) == 0) {
      throw ErasureErrors.USER_NOT_FOUND.failure("user erased or export no longer pending");
    }
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
      exports
          .find(exportId)
          .filter(r -> r.anonymizedAt() != null)
          .ifPresent(
              r -> {
                // The account was erased while the ZIP was being written: the file must not outlive
                // it.
                deleteQuietly(built.storageKey());
                throw ErasureErrors.USER_NOT_FOUND.failure("account erased during the export");
              });
    }
  }

  @Override
  public void markFailed(MarkFailedInput input) {
    exports.markFailed(UserIds.parse(input.exportId()), input.errorCode(), clock.instant());
  }

  @Override
  public void expireExport(ExpireExportInput input) {
    UUID exportId = UserIds.parse(input.exportId());
    if (input.storageKey() != null) {
      try {
        storage.delete(input.storageKey());
      } catch (IOException e) {
        throw new UncheckedIOException("could not delete the export file", e);
      }
    }
    exports.markExpired(exportId);
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
