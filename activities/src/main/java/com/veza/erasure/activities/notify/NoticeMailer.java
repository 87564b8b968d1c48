package com.veza.erasure.activities.notify;

import com.veza.erasure.activities.export.MailSettings;
import com.veza.erasure.common.ErasureErrors;
import io.temporal.failure.ApplicationFailure;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/**
 * Hands one plain-text message to the SMTP relay. Failures name their kind only: a mail exception's
 * text can quote the recipient, and failures end up in the workflow history and logs.
 */
final class NoticeMailer {
  /** The retryable type: the relay may be down or greylisting. */
  static final String SMTP_UNAVAILABLE = "SMTP_UNAVAILABLE";

  /** Connect, read and write timeouts: an unreachable relay fails the attempt fast. */
  private static final String TIMEOUT_MS = "10000";

  private final MailSettings settings;
  private final Session session;

  NoticeMailer(MailSettings settings) {
    this.settings = settings;
    Properties props = new Properties();
    props.put("mail.smtp.host", settings.host());
    props.put("mail.smtp.port", String.valueOf(settings.port()));
    props.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
    props.put("mail.smtp.timeout", TIMEOUT_MS);
    props.put("mail.smtp.writetimeout", TIMEOUT_MS);
    props.put("mail.smtp.auth", String.valueOf(hasCredentials()));
    this.session = Session.getInstance(props);
  }

  void send(String to, NoticeTemplate message) {
    try {
      MimeMessage mime = new MimeMessage(session);
      mime.setFrom(new InternetAddress(settings.from()));
      mime.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
      mime.setSubject(message.subject(), "UTF-8");
      mime.setText(message.body(), "UTF-8");
      if (hasCredentials()) {
        Transport.send(mime, settings.username(), settings.password());
      } else {
        Transport.send(mime);
      }
    } catch (AddressException e) {
      throw ErasureErrors.INVALID_INPUT.failure("the address is not valid");
    } catch (MessagingException e) {
      throw ApplicationFailure.newFailure(
          "SMTP send failed: " + e.getClass().getSimpleName(), SMTP_UNAVAILABLE);
    }
  }

  private boolean hasCredentials() {
    return settings.username() != null && !settings.username().isBlank();
  }
}
