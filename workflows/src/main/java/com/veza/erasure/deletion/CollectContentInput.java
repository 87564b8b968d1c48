package com.veza.erasure.deletion;

public record CollectContentInput(String userId) {}
