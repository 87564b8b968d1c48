package com.veza.erasure.export;

public record ExpireExportInput(String exportId, String storageKey) {}
