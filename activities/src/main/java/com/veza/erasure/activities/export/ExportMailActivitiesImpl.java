package com.veza.erasure.activities.export;

import com.veza.erasure.common.ErasureErrors;
import com.veza.erasure.common.UserIds;
import com.veza.erasure.export.ExportActivityOptions;
import com.veza.erasure.export.ExportMailActivities;
import com.veza.erasure.export.ReadyEmailInput;
import io.temporal.failure.ApplicationFailure;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the link and its expiry, nothing else: the data itself is only behind the authenticated
 * download.
 */
public final class ExportMailActivitiesImpl implements ExportMailActivities {
  private static final Logger log = LoggerFactory.getLogger(ExportMailActivitiesImpl.class);
  private static final DateTimeFormatter EXPIRY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /**
   * Connect and read timeouts: an unreachable relay fails the attempt fast and the retry policy
   * waits.
   */
  private static final String TIMEOUT_MS = "10000";

  private final ExportDao exports;
  private final MailSettings settings;
  private final Clock clock;
  private final Session session;

  public ExportMailActivitiesImpl(Jdbi jdbi, MailSettings settings, Clock clock) {
    this.exports = jdbi.onDemand(ExportDao.class);
    this.settings = settings;
    this.clock = clock;
    Properties props = new Properties();
    props.put("mail.smtp.host", settings.host());
    props.put("mail.smtp.port", String.valueOf(settings.port()));
    props.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
    props.put("mail.smtp.timeout", TIMEOUT_MS);
    props.put("mail.smtp.writetimeout", TIMEOUT_MS);
    props.put("mail.smtp.auth", String.valueOf(hasCredentials()));
    this.session = Session.getInstance(props);
  }

  @Override
  public void sendReadyEmail(ReadyEmailInput input) {
    UUID userId = UserIds.parse(input.userId());
    UUID exportId = UserIds.parse(input.exportId());
    if (!settings.enabled()) {
      log.info("mail disabled: ready email for export {} not sent", exportId);
      throw ApplicationFailure.newNonRetryableFailure(
          "mail is disabled", ExportActivityOptions.MAIL_DISABLED);
    }
    if (exports.emailSent(exportId).orElse(false)) {
      return;
    }
    String to =
        exports
            .emailOf(userId)
            .orElseThrow(() -> ErasureErrors.USER_NOT_FOUND.failure("no address for this user"));
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(settings.from()));
      message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
      message.setSubject("Your Veza data export is ready", "UTF-8");
      message.setText(body(exportId.toString(), input), "UTF-8");
      if (hasCredentials()) {
        Transport.send(message, settings.username(), settings.password());
      } else {
        Transport.send(message);
      }
    } catch (AddressException e) {
      throw ErasureErrors.INVALID_INPUT.failure("the user's address is not valid");
    } catch (MessagingException e) {
      // Retryable: the relay may be down; the message text names the host, never the recipient.
      throw ApplicationFailure.newFailure(
          "SMTP send failed: " + e.getClass().getSimpleName(), "SMTP_UNAVAILABLE");
    }
    exports.markEmailSent(exportId, clock.instant());
    log.info("ready email for export {} sent", exportId);
  }

  private String body(String exportId, ReadyEmailInput input) {
    return """
        Hello,

        the copy of your Veza data you asked for is ready. Download it (you will be asked to sign in):

        %s

        The link works until %s; after that the file is deleted and you can request a new export.

        If you did not ask for this export, please change your password and contact us.
        """
        .formatted(settings.downloadLink(exportId), EXPIRY.format(input.expiresAt()));
  }

  private boolean hasCredentials() {
    return settings.username() != null && !settings.username().isBlank();
  }
}
