package com.veza.erasure.activities.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.veza.erasure.activities.export.MailSettings;
import com.veza.erasure.activities.notify.NoticeOutboxActivitiesImpl;
import com.veza.erasure.activities.notify.NotificationActivitiesImpl;
import com.veza.erasure.activities.notify.NotificationSettings;
import com.veza.erasure.deletion.AnonymizeInput;
import com.veza.erasure.deletion.LedgerRef;
import com.veza.erasure.deletion.MarkPendingInput;
import com.veza.erasure.deletion.NoticeResult;
import com.veza.erasure.deletion.ScheduledNoticeInput;
import com.veza.erasure.testing.FreePorts;
import io.temporal.failure.ApplicationFailure;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The NOTIFY_ activities on real PostgreSQL and a real SMTP server (GreenMail). */
class DeletionNoticesTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final Instant DEADLINE = Instant.parse("2026-12-26T10:00:00Z");
  private static final String RECOVER_URL = "https://veza.example/settings/account";
  private static final UUID USER = UUID.randomUUID();
  private static final LedgerRef REF =
      new LedgerRef(USER.toString(), "account-deletion-" + USER, "run-1");

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private Jdbi jdbi;
  private PlatformRows rows;
  private AccountActivitiesImpl accounts;

  @BeforeEach
  void setUp() {
    jdbi = PlatformRows.freshDatabase();
    rows = new PlatformRows(jdbi);
    accounts = new AccountActivitiesImpl(jdbi, Clock.fixed(NOW, ZoneOffset.UTC));
    rows.user(USER, "grace");
    accounts.markPendingDeletion(new MarkPendingInput(REF, false, "user", NOW, DEADLINE));
  }

  @Test
  void givenAScheduledDeletion_itEmailsTheDeadlineAndHowToRecover() throws Exception {
    NoticeResult result =
        notices(smtpUp()).notifyScheduled(new ScheduledNoticeInput(REF, DEADLINE));

    assertThat(result).isEqualTo(new NoticeResult(false, 1, null));
    MimeMessage mail = onlyMail();
    assertThat(mail.getAllRecipients()[0]).hasToString("grace@example.com");
    assertThat(mail.getSubject()).isEqualTo("Your Veza account is scheduled for deletion");
    String body = GreenMailUtil.getBody(mail);
    assertThat(body).contains("2026-12-26 10:00 UTC", RECOVER_URL);
    assertNoPersonalData(body);
  }

  @Test
  void givenARecoveredDeletion_itEmailsThatNothingWasErased() throws Exception {
    NoticeResult result = notices(smtpUp()).notifyRecovered(REF);

    assertThat(result.sent()).isEqualTo(1);
    MimeMessage mail = onlyMail();
    assertThat(mail.getSubject()).isEqualTo("Your Veza account was recovered");
    assertThat(GreenMailUtil.getBody(mail)).contains("nothing was", "erased");
    assertNoPersonalData(GreenMailUtil.getBody(mail));
  }

  @Test
  void givenTheAddressStagedBeforeAnonymization_itEmailsTheReceiptIdAndForgetsTheAddress()
      throws Exception {
    NotificationSettings settings = smtpUp();
    assertThat(outbox(settings).stageCompletionNotice(REF)).isTrue();
    accounts.anonymizeAccount(new AnonymizeInput(REF, false, null));
    assertThat(rows.count("SELECT count(*) FROM users WHERE email = 'grace@example.com'")).isZero();

    NoticeResult result = notices(settings).notifyCompleted(REF);

    assertThat(result).isEqualTo(new NoticeResult(false, 1, 0L));
    MimeMessage mail = onlyMail();
    assertThat(mail.getAllRecipients()[0]).hasToString("grace@example.com");
    assertThat(mail.getSubject()).isEqualTo("Your Veza account has been erased");
    assertThat(GreenMailUtil.getBody(mail)).contains("number " + ledgerId());
    assertThat(outboxRows()).isZero();
    // A retry after the answer was lost finds nothing to send, and says the outbox is empty.
    assertThat(notices(settings).notifyCompleted(REF)).isEqualTo(new NoticeResult(false, 0, 0L));
  }

  @Test
  void givenTheRelayDown_itFailsRetryablyWithoutTheAddressAndTheDiscardEmptiesTheOutbox() {
    NotificationSettings down = settings(FreePorts.next());
    outbox(down).stageCompletionNotice(REF);

    Throwable thrown = catchThrowable(() -> notices(down).notifyCompleted(REF));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("SMTP_UNAVAILABLE");
              assertThat(failure.isNonRetryable()).isFalse();
              assertThat(failure.getOriginalMessage()).doesNotContain("grace");
              assertThat(failure.getCause()).isNull();
            });
    assertThat(outboxRows()).isEqualTo(1);

    assertThat(outbox(down).discardCompletionNotice(REF)).isZero();
    assertThat(outboxRows()).isZero();
  }

  @Test
  void givenNotificationsOff_itSendsNothingStagesNothingAndSkips() {
    NotificationSettings off = new NotificationSettings(false, smtpUp().mail(), RECOVER_URL);

    assertThat(notices(off).notifyScheduled(new ScheduledNoticeInput(REF, DEADLINE)).skipped())
        .isTrue();
    assertThat(outbox(off).stageCompletionNotice(REF)).isFalse();
    assertThat(outboxRows()).isZero();
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void givenTheDefaultOffSettings_whenTheScheduledNoticeRuns_itSkipsInsteadOfFailing() {
    // OFF carries no recovery URL: the template must not be filled for a notice never sent.
    assertThat(
            notices(NotificationSettings.OFF)
                .notifyScheduled(new ScheduledNoticeInput(REF, DEADLINE))
                .skipped())
        .isTrue();
  }

  @Test
  void givenNotificationsTurnedOffAfterStaging_whenTheNoticeRuns_itStillDeletesTheAddress() {
    outbox(smtpUp()).stageCompletionNotice(REF);
    NotificationSettings off = new NotificationSettings(false, smtpUp().mail(), RECOVER_URL);

    NoticeResult result = notices(off).notifyCompleted(REF);

    assertThat(result.skipped()).isTrue();
    assertThat(outboxRows()).isZero();
  }

  private NotificationSettings smtpUp() {
    return settings(greenMail.getSmtp().getPort());
  }

  private static NotificationSettings settings(int port) {
    return new NotificationSettings(
        true,
        new MailSettings(
            true, "127.0.0.1", port, "no-reply@veza.example", null, null, "http://127.0.0.1"),
        RECOVER_URL);
  }

  private NotificationActivitiesImpl notices(NotificationSettings settings) {
    return new NotificationActivitiesImpl(jdbi, settings);
  }

  private NoticeOutboxActivitiesImpl outbox(NotificationSettings settings) {
    return new NoticeOutboxActivitiesImpl(jdbi, settings);
  }

  private MimeMessage onlyMail() {
    assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
    return greenMail.getReceivedMessages()[0];
  }

  /** The templates carry ids, dates and links: never the user's names or profile. */
  private static void assertNoPersonalData(String body) {
    assertThat(body).doesNotContain("grace", "Lyon", "I am");
  }

  private long ledgerId() {
    return rows.count("SELECT id FROM deletion_requests WHERE run_id = 'run-1'");
  }

  private long outboxRows() {
    return rows.count("SELECT count(*) FROM deletion_notice_outbox");
  }
}
