package com.veza.erasure.worker.export;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.veza.erasure.activities.export.MailSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

/** The {@code mail} block: the SMTP relay the "export ready" email goes through. */
public class MailFactory {

  /**
   * false: no email is sent and exports report {@code emailSent=false} (they stay downloadable).
   */
  private boolean enabled;

  @NotEmpty private String host = "127.0.0.1";

  @Min(1)
  @Max(65535)
  private int port = 1025;

  @NotEmpty private String from = "no-reply@veza.example";

  /** Blank: no SMTP authentication. */
  private String username;

  private String password;

  public MailSettings build(String downloadBaseUrl) {
    return new MailSettings(
        enabled, host, port, from, blankToNull(username), blankToNull(password), downloadBaseUrl);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
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
  public String getHost() {
    return host;
  }

  @JsonProperty
  public void setHost(String host) {
    this.host = host;
  }

  @JsonProperty
  public int getPort() {
    return port;
  }

  @JsonProperty
  public void setPort(int port) {
    this.port = port;
  }

  @JsonProperty
  public String getFrom() {
    return from;
  }

  @JsonProperty
  public void setFrom(String from) {
    this.from = from;
  }

  @JsonProperty
  public String getUsername() {
    return username;
  }

  @JsonProperty
  public void setUsername(String username) {
    this.username = username;
  }

  @JsonProperty
  public String getPassword() {
    return password;
  }

  @JsonProperty
  public void setPassword(String password) {
    this.password = password;
  }
}
