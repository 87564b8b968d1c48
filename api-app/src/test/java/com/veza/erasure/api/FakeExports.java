package com.veza.erasure.api;

import com.veza.erasure.api.export.ExportApiSettings;
import com.veza.erasure.api.export.ExportFile;
import com.veza.erasure.api.export.ExportFileReader;
import com.veza.erasure.api.export.ExportRequestDao;
import com.veza.erasure.api.export.ExportService;
import com.veza.erasure.api.export.ExportSummary;
import com.veza.erasure.export.ExportRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real {@link ExportService} over an empty, always-accepting stand-in for {@code data_exports}
 * and a workflow starter that only records what it was asked to start.
 */
final class FakeExports {

  private final List<ExportRequest> started = new CopyOnWriteArrayList<>();

  final ExportService service =
      new ExportService(
          new NoRows(),
          started::add,
          new ExportFileReader(Path.of("target", "no-exports")),
          new ExportApiSettings(),
          ApiResources.CLOCK);

  /** The exports started for {@code userId}. */
  List<ExportRequest> startedFor(UUID userId) {
    return started.stream().filter(r -> r.userId().equals(userId.toString())).toList();
  }

  /** No user has any export yet, so every reservation is within the daily limit. */
  private static final class NoRows implements ExportRequestDao {
    @Override
    public int lockUser(UUID userId) {
      return 1;
    }

    @Override
    public List<Instant> recentRequests(UUID userId, Instant since, int limit) {
      return List.of();
    }

    @Override
    public void insertPending(UUID id, UUID userId, Instant now) {}

    @Override
    public void markStartFailed(UUID id, Instant now) {}

    @Override
    public List<ExportSummary> list(UUID userId, int limit) {
      return List.of();
    }

    @Override
    public Optional<ExportFile> owned(UUID id, UUID userId) {
      return Optional.empty();
    }
  }
}
