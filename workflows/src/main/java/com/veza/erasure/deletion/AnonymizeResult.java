package com.veza.erasure.deletion;

import java.util.Map;

/** Row counts per table; zero everywhere on a retry after a completed run. */
public record AnonymizeResult(Map<String, Long> counts) {}
