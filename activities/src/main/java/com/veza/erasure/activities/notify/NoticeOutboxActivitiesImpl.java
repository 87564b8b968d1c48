package com.veza.erasure.activities.notify;

import com.veza.erasure.activities.db.StoreFailures;
import com.veza.erasure.common.UserIds;
import com.veza.erasure.deletion.LedgerRef;
import com.veza.erasure.deletion.NoticeOutboxActivities;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The completion notice's outbox, {@code deletion_notice_outbox} (docs/design.md#notifications):
 * one row per deletion, written before anonymization, deleted by the notice or, when it gives up,
 * here.
 */
public final class NoticeOutboxActivitiesImpl implements NoticeOutboxActivities {
  private static final Logger log = LoggerFactory.getLogger(NoticeOutboxActivitiesImpl.class);

  private final NoticeDao dao;
  private final NotificationSettings settings;

  public NoticeOutboxActivitiesImpl(Jdbi jdbi, NotificationSettings settings) {
    this.dao = jdbi.onDemand(NoticeDao.class);
    this.settings = settings;
  }

  @Override
  public boolean stageCompletionNotice(LedgerRef input) {
    try {
      long deletionId = dao.deletionOf(input);
      if (!settings.sends()) {
        return false;
      }
      dao.stage(deletionId, UserIds.parse(input.userId()));
      boolean staged = dao.outboxRows(deletionId) > 0;
      log.info("completion notice of run {} staged: {}", input.runId(), staged);
      return staged;
    } catch (JdbiException e) {
      throw StoreFailures.withoutValues(e);
    }
  }

  @Override
  public long discardCompletionNotice(LedgerRef input) {
    try {
      long deletionId = dao.deletionOf(input);
      int deleted = dao.discard(deletionId);
      long left = dao.outboxRows(deletionId);
      log.info(
          "completion notice of run {} discarded: {} rows deleted, {} left",
          input.runId(),
          deleted,
          left);
      return left;
    } catch (JdbiException e) {
      throw StoreFailures.withoutValues(e);
    }
  }
}
