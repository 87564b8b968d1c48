package com.veza.erasure.api.export;

import com.veza.erasure.api.http.ApiException;
import com.veza.erasure.export.ExportRequest;
import com.veza.erasure.export.ExportState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's side of data exports (docs/design.md#data-export-workflow): the rate-limited request,
 * the list, and finding the file of a ready export for its owner. Building, mailing and expiring
 * are the workflow's.
 */
public final class ExportService {

  /** The rate limit's rolling window. */
  static final Duration WINDOW = Duration.ofHours(24);

  static final int LIST_LIMIT = 50;

  private static final Logger log = LoggerFactory.getLogger(ExportService.class);

  private final ExportRequestDao dao;
  private final ExportWorkflowStarter starter;
  private final ExportFileReader storage;
  private final ExportApiSettings settings;
  private final Clock clock;

  public ExportService(
      ExportRequestDao dao,
      ExportWorkflowStarter starter,
      ExportFileReader storage,
      ExportApiSettings settings,
      Clock clock) {
    this.dao = dao;
    this.starter = starter;
    this.storage = storage;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Records a PENDING export and starts its workflow; a start that fails marks the row FAILED
   * ({@code START_FAILED}) so the list never shows an export nothing will ever build.
   *
   * @throws RateLimitedException when the user already asked {@code dailyLimit} times in 24 hours
   */
  public ExportAccepted request(UUID userId) {
    UUID exportId = UUID.randomUUID();
    Instant now = clock.instant();
    ExportRequestDao.Reservation reservation =
        dao.reserve(exportId, userId, now, now.minus(WINDOW), settings.getDailyLimit());
    if (!reservation.accepted()) {
      throw new RateLimitedException(retryAfterSeconds(reservation.oldestInWindow(), now));
    }
    try {
      starter.start(
          new ExportRequest(
              exportId.toString(), userId.toString(), now, settings.getLinkLifetime()));
    } catch (RuntimeException e) {
      log.error("Could not start the data export workflow for export {}", exportId, e);
      dao.markStartFailed(exportId, clock.instant());
      throw new ApiException(
          503, "export_unavailable", "the export could not be started; try again later");
    }
    return new ExportAccepted(exportId, ExportState.PENDING);
  }

  public ExportList list(UUID userId) {
    return new ExportList(dao.list(userId, LIST_LIMIT));
  }

  /** The ZIP of the user's own ready, unexpired export; every other case is a refusal. */
  public Path file(UUID userId, UUID exportId) {
    ExportFile export = dao.owned(exportId, userId).orElseThrow(ExportService::notFound);
    boolean expired =
        export.status() == ExportState.EXPIRED
            || (export.expiresAt() != null && !clock.instant().isBefore(export.expiresAt()));
    if (expired) {
      throw expired();
    }
    if (export.status() != ExportState.READY) {
      throw new ApiException(409, "export_not_ready", "the export is not ready yet");
    }
    try {
      // Missing although READY: the cleanup got to it first; to the user it is gone either way.
      return storage.find(export.storageKey()).orElseThrow(ExportService::expired);
    } catch (ExportFileReader.OutsideRootException e) {
      log.error("Refusing to serve export {}: {}", exportId, e.getMessage());
      throw notFound();
    }
  }

  static long retryAfterSeconds(Instant oldestInWindow, Instant now) {
    Duration wait = Duration.between(now, oldestInWindow.plus(WINDOW));
    long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }

  private static ApiException notFound() {
    return new ApiException(404, "not_found", "no such export");
  }

  private static ApiException expired() {
    return new ApiException(
        410, "export_expired", "the export's link has expired; request a new export");
  }

  /**
   * The user's daily exports are used up; the next one is possible in {@code retryAfterSeconds}.
   */
  public static final class RateLimitedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    RateLimitedException(long retryAfterSeconds) {
      super("export rate limit reached", null, false, false);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }
}
