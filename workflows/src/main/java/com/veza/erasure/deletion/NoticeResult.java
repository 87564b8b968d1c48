package com.veza.erasure.deletion;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a notification step did: counts, never the address.
 *
 * @param skipped notifications are off on this worker (or mail is not configured)
 * @param sent messages handed to the SMTP relay: 1, or 0 when there was nothing to send
 * @param outboxRowsLeft completion notice only: outbox rows of the deletion left afterwards; null
 *     for the other notices
 */
public record NoticeResult(boolean skipped, long sent, Long outboxRowsLeft) {

  public static NoticeResult skippedResult() {
    return new NoticeResult(true, 0, null);
  }

  public Map<String, Long> counts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("sent", sent);
    if (outboxRowsLeft != null) {
      counts.put("outbox_rows_left", outboxRowsLeft);
    }
    return counts;
  }
}
