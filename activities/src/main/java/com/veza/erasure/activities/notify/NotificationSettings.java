package com.veza.erasure.activities.notify;

import com.veza.erasure.activities.export.MailSettings;

/**
 * The deletion's emails to the user (docs/design.md#notifications).
 *
 * @param enabled false: the NOTIFY_ steps are SKIPPED
 * @param mail the SMTP relay, shared with the export email; when its own {@code enabled} is false
 *     nothing is sent either
 * @param recoverUrl where the scheduled notice sends the user to keep their account (the platform's
 *     account page)
 */
public record NotificationSettings(boolean enabled, MailSettings mail, String recoverUrl) {

  /** Nothing is sent: the steps report SKIPPED. */
  public static final NotificationSettings OFF = new NotificationSettings(false, null, null);

  /** Whether a notice is sent at all: both switches on. */
  public boolean sends() {
    return enabled && mail != null && mail.enabled();
  }
}
