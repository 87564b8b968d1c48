package com.veza.erasure.deletion;

public record CachePurgeInput(String userId) {}
