package com.veza.erasure.activities.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A plain-text email from {@code resources/notify/<name>.txt}: a {@code Subject:} line, a blank
 * line, the body. {@code {key}} placeholders are filled with ids, dates and links only: the one
 * piece of personal data a notice carries is the address it is sent to.
 */
record NoticeTemplate(String subject, String body) {
  private static final String SUBJECT = "Subject: ";

  static NoticeTemplate load(String name) {
    String resource = "/notify/" + name + ".txt";
    try (InputStream in = NoticeTemplate.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing mail template " + resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
      int end = text.indexOf("\n\n");
      if (!text.startsWith(SUBJECT) || end < 0) {
        throw new IllegalStateException(
            resource + " must start with a Subject: line and a blank line");
      }
      return new NoticeTemplate(
          text.substring(SUBJECT.length(), end).strip(), text.substring(end + 2));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  NoticeTemplate fill(Map<String, String> values) {
    String filled = body;
    for (Map.Entry<String, String> value : values.entrySet()) {
      filled = filled.replace("{" + value.getKey() + "}", value.getValue());
    }
    return new NoticeTemplate(subject, filled);
  }
}
