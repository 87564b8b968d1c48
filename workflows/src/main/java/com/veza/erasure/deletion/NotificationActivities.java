package com.veza.erasure.deletion;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The emails to the user about their deletion (GDPR Art. 12(3), 19; docs/design.md#notifications).
 * Each activity reads the address itself: it never enters the history. A notice that cannot be sent
 * never holds up the deletion; the workflow records it as a FAILED step and goes on.
 */
@ActivityInterface
public interface NotificationActivities {

  /** "Your account will be erased at the deadline; here is how to keep it." */
  @ActivityMethod
  NoticeResult notifyScheduled(ScheduledNoticeInput input);

  /** "Your account was recovered; nothing was erased." */
  @ActivityMethod
  NoticeResult notifyRecovered(LedgerRef input);

  /**
   * "Your data was erased", with the receipt's id, sent to the address {@link
   * NoticeOutboxActivities#stageCompletionNotice} kept before anonymization; the outbox row is
   * deleted once the message is sent.
   */
  @ActivityMethod
  NoticeResult notifyCompleted(LedgerRef input);
}
