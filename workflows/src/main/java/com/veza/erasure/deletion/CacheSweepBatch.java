package com.veza.erasure.deletion;

import java.util.List;

/** The users one sweep pass serves: their keys are unlinked, then confirmed gone. */
public record CacheSweepBatch(List<String> userIds) {}
