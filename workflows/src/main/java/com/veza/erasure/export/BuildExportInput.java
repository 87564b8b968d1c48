package com.veza.erasure.export;

public record BuildExportInput(String exportId, String userId) {}
