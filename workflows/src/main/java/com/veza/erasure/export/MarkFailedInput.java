package com.veza.erasure.export;

public record MarkFailedInput(String exportId, String errorCode) {}
