package com.veza.erasure.worker.deletion;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.veza.erasure.activities.export.MailSettings;
import com.veza.erasure.activities.notify.NotificationSettings;
import jakarta.validation.constraints.NotEmpty;

/**
 * The {@code notifications} block: the emails to the user about their deletion
 * (docs/configuration.md#notifications). They go through the {@code mail} block's relay, so nothing
 * is sent while {@code mail.enabled} is false, whatever this says.
 */
public class NotificationsFactory {

  /** On by default: with mail configured, the user hears of each step GDPR says they should. */
  private boolean enabled = true;

  /** The platform page where a user keeps their account; quoted in the scheduled notice. */
  @NotEmpty private String recoverUrl = "https://veza.example/settings/account";

  public NotificationSettings build(MailSettings mail) {
    return new NotificationSettings(enabled, mail, recoverUrl);
  }

  @JsonProperty
  public boolean isEnabled() {
    return enabled;
  }

  @JsonProperty
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  @JsonProperty
  public String getRecoverUrl() {
    return recoverUrl;
  }

  @JsonProperty
  public void setRecoverUrl(String recoverUrl) {
    this.recoverUrl = recoverUrl;
  }
}
