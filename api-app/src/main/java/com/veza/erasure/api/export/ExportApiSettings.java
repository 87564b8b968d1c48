package com.veza.erasure.api.export;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.veza.erasure.export.ExportRequest;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/** The {@code exports} block of the api-app's configuration. */
public class ExportApiSettings {

  /** The export storage root the worker writes to; the API only reads files under it. */
  @NotEmpty private String directory = "./exports";

  /** Recorded in each {@link ExportRequest} at start, so a change only affects new exports. */
  @NotNull private Duration linkLifetime = ExportRequest.DEFAULT_LINK_LIFETIME;

  /**
   * Exports per user in any rolling 24 hours (docs/design.md#rate-limit): each one reads the whole
   * account.
   */
  @Min(1)
  @Max(100)
  private int dailyLimit = 3;

  @ValidationMethod(message = "exports.linkLifetime must be positive")
  @JsonIgnore
  public boolean isLinkLifetimeValid() {
    return linkLifetime != null && !linkLifetime.isNegative() && !linkLifetime.isZero();
  }

  @JsonProperty
  public String getDirectory() {
    return directory;
  }

  @JsonProperty
  public void setDirectory(String directory) {
    this.directory = directory;
  }

  @JsonProperty
  public Duration getLinkLifetime() {
    return linkLifetime;
  }

  @JsonProperty
  public void setLinkLifetime(Duration linkLifetime) {
    this.linkLifetime = linkLifetime;
  }

  @JsonProperty
  public int getDailyLimit() {
    return dailyLimit;
  }

  @JsonProperty
  public void setDailyLimit(int dailyLimit) {
    this.dailyLimit = dailyLimit;
  }
}
