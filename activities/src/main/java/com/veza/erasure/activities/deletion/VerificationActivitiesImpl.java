package com.veza.erasure.activities.deletion;

import com.veza.erasure.common.UserIds;
import com.veza.erasure.deletion.OwnedContent;
import com.veza.erasure.deletion.VerificationActivities;
import com.veza.erasure.deletion.VerificationReport;
import com.veza.erasure.deletion.VerifyInput;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Re-reads PostgreSQL, Redis and Elasticsearch after erasure; an unconfigured store stays null. */
public final class VerificationActivitiesImpl implements VerificationActivities {

  private static final Logger log = LoggerFactory.getLogger(VerificationActivitiesImpl.class);

  private final AccountVerifier account;
  private final RedisKeyPurger cache;
  private final SearchIndexPurger search;

  /**
   * @param cache null when Redis is not configured
   * @param search null when Elasticsearch is not configured
   */
  public VerificationActivitiesImpl(
      AccountVerifier account, RedisKeyPurger cache, SearchIndexPurger search) {
    this.account = account;
    this.cache = cache;
    this.search = search;
  }

  @Override
  public VerificationReport verifyErasure(VerifyInput input) {
    UUID userId = UserIds.parse(input.userId());
    OwnedContent content = input.content() == null ? OwnedContent.empty() : input.content();
    VerificationReport report =
        new VerificationReport(
            account.countPiiRowsLeft(userId),
            account.countTracksLeft(userId, input.keepPublicTracks()),
            account.countPlaylistsLeft(userId),
            cache == null ? null : cache.countRemaining(userId),
            search == null
                ? null
                : search.countRemaining(userId, input.keepPublicTracks(), content));
    if (report.clean()) {
      log.info("erasure verified clean for user {}", userId);
    } else {
      log.warn("erasure of user {} left data behind: {}", userId, report);
    }
    return report;
  }
}
