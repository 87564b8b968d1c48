package com.veza.erasure.activities.deletion;

import com.veza.erasure.activities.export.ExportStorage;
import com.veza.erasure.common.ErasureErrors;
import com.veza.erasure.common.UserIds;
import com.veza.erasure.deletion.LedgerRef;
import com.veza.erasure.deletion.OwnedContent;
import com.veza.erasure.deletion.SearchIndexLeft;
import com.veza.erasure.deletion.SnapshotInput;
import com.veza.erasure.deletion.SweptSnapshotInput;
import com.veza.erasure.deletion.VerificationActivities;
import com.veza.erasure.deletion.VerificationReport;
import com.veza.erasure.deletion.VerifyInput;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads PostgreSQL, Redis, Elasticsearch and the export storage after erasure; an unconfigured
 * store stays null. Every rule of the erasure map is re-checked: rows left per table rule and keys
 * left per pattern go into the report with the map's SHA-256, so the receipt states which rules
 * were applied.
 */
public final class VerificationActivitiesImpl implements VerificationActivities {

  private static final Logger log = LoggerFactory.getLogger(VerificationActivitiesImpl.class);

  private final AccountVerifier account;
  private final RedisKeyPurger cache;
  private final SearchIndexPurger search;
  private final ExportStorage exports;
  private final ContentSnapshots snapshots;

  /**
   * @param cache null when Redis is not configured
   * @param search null when Elasticsearch is not configured
   * @param exports where data export files live
   * @param snapshots where {@link #verifyErasureFromSnapshot} reads the ids of search docs
   */
  public VerificationActivitiesImpl(
      AccountVerifier account,
      RedisKeyPurger cache,
      SearchIndexPurger search,
      ExportStorage exports,
      ContentSnapshots snapshots) {
    this.account = account;
    this.cache = cache;
    this.search = search;
    this.exports = exports;
    this.snapshots = snapshots;
  }

  @Override
  public VerificationReport verifyErasureFromSnapshot(SnapshotInput input) {
    LedgerRef ref = input == null ? null : input.ref();
    if (ref == null) {
      throw ErasureErrors.INVALID_INPUT.failure("ledger ref is required");
    }
    UUID userId = UserIds.parse(ref.userId());
    if (search == null) {
      return verify(userId, input.keepPublicTracks(), null, () -> {});
    }
    // Only with Elasticsearch: the tests of the other stores call this outside an activity.
    ActivityExecutionContext context = Activity.getExecutionContext();
    return verify(
        userId,
        input.keepPublicTracks(),
        snapshots.read(ref, input.keepPublicTracks()),
        () -> context.heartbeat(null));
  }

  @Override
  public VerificationReport verifyErasureAfterCacheSweep(SweptSnapshotInput input) {
    LedgerRef ref = input == null ? null : input.ref();
    if (ref == null) {
      throw ErasureErrors.INVALID_INPUT.failure("ledger ref is required");
    }
    UUID userId = UserIds.parse(ref.userId());
    Long sweptLeft = input.cacheKeysLeft();
    if (search == null) {
      return verify(userId, input.keepPublicTracks(), null, () -> {}, sweptLeft);
    }
    ActivityExecutionContext context = Activity.getExecutionContext();
    return verify(
        userId,
        input.keepPublicTracks(),
        snapshots.read(ref, input.keepPublicTracks()),
        () -> context.heartbeat(null),
        sweptLeft);
  }

  @Override
  @Deprecated
  public VerificationReport verifyErasure(VerifyInput input) {
    UUID userId = UserIds.parse(input.userId());
    OwnedContent content = input.content() == null ? OwnedContent.empty() : input.content();
    if (search == null) {
      return verify(userId, input.keepPublicTracks(), null, () -> {});
    }
    ActivityExecutionContext context = Activity.getExecutionContext();
    return verify(
        userId,
        input.keepPublicTracks(),
        ContentIds.of(content, input.keepPublicTracks()),
        () -> context.heartbeat(null));
  }

  /**
   * @param content the ids of search docs; null when Elasticsearch is not configured
   */
  private VerificationReport verify(
      UUID userId, boolean keepPublicTracks, ContentIds content, Runnable heartbeat) {
    RedisKeyPurger.Remaining keys = cache == null ? null : cache.countRemainingByPattern(userId);
    return verify(
        userId,
        keepPublicTracks,
        content,
        heartbeat,
        keys == null ? null : keys.total(),
        keys == null ? null : keys.byPattern());
  }

  /**
   * @param sweptLeft the user's Redis keys the cache sweep's confirming pass found
   */
  private VerificationReport verify(
      UUID userId,
      boolean keepPublicTracks,
      ContentIds content,
      Runnable heartbeat,
      Long sweptLeft) {
    return verify(userId, keepPublicTracks, content, heartbeat, sweptLeft, null);
  }

  /**
   * @param cacheKeysLeft the user's Redis keys left, as just counted; null when Redis is not
   *     configured
   * @param cacheKeysLeftByPattern the same per key pattern; null when not counted per pattern
   */
  private VerificationReport verify(
      UUID userId,
      boolean keepPublicTracks,
      ContentIds content,
      Runnable heartbeat,
      Long cacheKeysLeft,
      Map<String, Long> cacheKeysLeftByPattern) {
    AccountVerifier.Counts rows = account.count(userId, keepPublicTracks);
    SearchDocsLeft searchLeft =
        search == null ? null : search.countLeft(userId, content, heartbeat);
    VerificationReport report =
        new VerificationReport(
            rows.piiRowsLeft(),
            rows.tracksLeft(),
            rows.playlistsLeft(),
            cacheKeysLeft,
            searchLeft == null ? null : searchLeft.byId(),
            exportFilesLeft(userId),
            searchLeft == null ? null : searchLeft.byField(),
            perIndex(searchLeft),
            rows.rowsLeft(),
            cacheKeysLeftByPattern,
            account.mapSha256());
    if (report.clean()) {
      log.info("erasure verified clean for user {}", userId);
    } else {
      log.warn("erasure of user {} left data behind: {}", userId, report);
    }
    return report;
  }

  /**
   * Only when some index is swept by owner field: a worker without one reports exactly what it
   * reported before owner fields existed.
   */
  private static Map<String, SearchIndexLeft> perIndex(SearchDocsLeft left) {
    return left == null || left.byField() == null ? null : left.perIndex();
  }

  /** Whatever the rows say: a file no row names holds the same personal data. */
  private long exportFilesLeft(UUID userId) {
    try {
      return exports.count(ExportStorage.userLocation(userId.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not count the user's export files", e);
    }
  }
}
