package com.veza.erasure.api.deletion;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.veza.erasure.deletion.DeletionRequest;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/** The {@code deletion} block of the api-app's configuration. */
public class DeletionApiSettings {

  /**
   * How long a user can take the account back. Recorded in each {@link DeletionRequest} at start,
   * so a later change only affects new deletions.
   */
  @NotNull private Duration recoveryWindow = DeletionRequest.DEFAULT_RECOVERY_WINDOW;

  @ValidationMethod(message = "deletion.recoveryWindow must not be negative")
  @JsonIgnore
  public boolean isRecoveryWindowValid() {
    return recoveryWindow != null && !recoveryWindow.isNegative();
  }

  @JsonProperty
  public Duration getRecoveryWindow() {
    return recoveryWindow;
  }

  @JsonProperty
  public void setRecoveryWindow(Duration recoveryWindow) {
    this.recoveryWindow = recoveryWindow;
  }
}
