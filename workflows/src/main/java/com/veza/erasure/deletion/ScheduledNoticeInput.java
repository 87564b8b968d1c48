package com.veza.erasure.deletion;

import java.time.Instant;

/** The deletion the scheduled notice is about, and the deadline until which it can be recovered. */
public record ScheduledNoticeInput(LedgerRef ref, Instant scheduledFor) {}
