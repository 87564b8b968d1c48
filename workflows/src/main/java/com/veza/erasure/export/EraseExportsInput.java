package com.veza.erasure.export;

public record EraseExportsInput(String userId) {}
