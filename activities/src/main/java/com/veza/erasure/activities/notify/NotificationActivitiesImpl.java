package com.veza.erasure.activities.notify;

import com.veza.erasure.activities.db.StoreFailures;
import com.veza.erasure.common.ErasureErrors;
import com.veza.erasure.common.UserIds;
import com.veza.erasure.deletion.LedgerRef;
import com.veza.erasure.deletion.NoticeResult;
import com.veza.erasure.deletion.NotificationActivities;
import com.veza.erasure.deletion.ScheduledNoticeInput;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NOTIFY_ steps (docs/design.md#notifications). Each reads the address itself, from the account
 * while it is the user's, and from the outbox for the completion notice, which is sent after
 * anonymization; logs and failures name the user's id and the kind of failure, never the address. A
 * notice can arrive twice (an attempt that sent but whose answer was lost), never with anything but
 * the templates' text.
 */
public final class NotificationActivitiesImpl implements NotificationActivities {
  private static final Logger log = LoggerFactory.getLogger(NotificationActivitiesImpl.class);
  private static final DateTimeFormatter DEADLINE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final NoticeDao dao;
  private final NotificationSettings settings;
  private final NoticeMailer mailer;
  private final NoticeTemplate scheduled = NoticeTemplate.load("deletion-scheduled");
  private final NoticeTemplate recovered = NoticeTemplate.load("deletion-recovered");
  private final NoticeTemplate completed = NoticeTemplate.load("deletion-completed");

  public NotificationActivitiesImpl(Jdbi jdbi, NotificationSettings settings) {
    this.dao = jdbi.onDemand(NoticeDao.class);
    this.settings = settings;
    this.mailer = settings.sends() ? new NoticeMailer(settings.mail()) : null;
  }

  @Override
  public NoticeResult notifyScheduled(ScheduledNoticeInput input) {
    if (input == null || input.scheduledFor() == null) {
      throw ErasureErrors.INVALID_INPUT.failure("ref and scheduledFor are required");
    }
    // Filled only when sent: settings that send nothing need no recovery URL.
    return sendToAccount(
        input.ref(),
        "scheduled",
        () ->
            scheduled.fill(
                Map.of(
                    "deadline",
                    DEADLINE.format(input.scheduledFor()),
                    "recover_url",
                    settings.recoverUrl())));
  }

  @Override
  public NoticeResult notifyRecovered(LedgerRef input) {
    return sendToAccount(input, "recovered", () -> recovered);
  }

  @Override
  public NoticeResult notifyCompleted(LedgerRef input) {
    try {
      long deletionId = dao.deletionOf(input);
      if (!settings.sends()) {
        // Switched off since the address was staged: it must not stay behind all the same.
        dao.discard(deletionId);
        log.info("completion notice of run {} not sent: notifications off", input.runId());
        return new NoticeResult(true, 0, dao.outboxRows(deletionId));
      }
      Optional<String> to = dao.outboxAddress(deletionId);
      if (to.isPresent()) {
        mailer.send(to.get(), completed.fill(Map.of("receipt_id", String.valueOf(deletionId))));
        dao.discard(deletionId);
      }
      long left = dao.outboxRows(deletionId);
      // Nothing staged: an earlier attempt sent it and its answer was lost, or staging found none.
      log.info(
          "completion notice of run {} (user {}) sent: {}, outbox rows left: {}",
          input.runId(),
          input.userId(),
          to.isPresent(),
          left);
      return new NoticeResult(false, to.isPresent() ? 1 : 0, left);
    } catch (JdbiException e) {
      throw StoreFailures.withoutValues(e);
    }
  }

  private NoticeResult sendToAccount(LedgerRef ref, String kind, Supplier<NoticeTemplate> message) {
    if (ref == null) {
      throw ErasureErrors.INVALID_INPUT.failure("ledger ref is required");
    }
    UUID userId = UserIds.parse(ref.userId());
    if (!settings.sends()) {
      log.info("{} notice of user {} not sent: notifications off", kind, userId);
      return NoticeResult.skippedResult();
    }
    Optional<String> to;
    try {
      to = dao.emailOf(userId);
    } catch (JdbiException e) {
      throw StoreFailures.withoutValues(e);
    }
    if (to.isEmpty()) {
      log.info("{} notice of user {} not sent: no account address", kind, userId);
      return new NoticeResult(false, 0, null);
    }
    mailer.send(to.get(), message.get());
    log.info("{} notice of user {} sent (run {})", kind, userId, ref.runId());
    return new NoticeResult(false, 1, null);
  }
}
