package com.veza.erasure.activities.export;

/**
 * SMTP settings of the "export ready" email.
 *
 * @param enabled false: the activity sends nothing and reports the email as not sent
 * @param username null or blank for a relay without authentication
 * @param downloadBaseUrl the public API base the link starts with, e.g. {@code
 *     https://api.veza.example}
 */
public record MailSettings(
    boolean enabled,
    String host,
    int port,
    String from,
    String username,
    String password,
    String downloadBaseUrl) {

  public String downloadLink(String exportId) {
    String base =
        downloadBaseUrl.endsWith("/")
            ? downloadBaseUrl.substring(0, downloadBaseUrl.length() - 1)
            : downloadBaseUrl;
    return base + "/v1/me/exports/" + exportId + "/download";
  }
}
