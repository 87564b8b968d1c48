package com.veza.erasure.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --key value} pairs; unknown keys are refused so a typo never runs the wrong size. */
final class BenchArgs {

  private final Map<String, String> values;

  private BenchArgs(Map<String, String> values) {
    this.values = values;
  }

  static BenchArgs parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --key value pairs, got: " + args[i]);
      }
      values.put(args[i].substring(2), args[i + 1]);
    }
    return new BenchArgs(values);
  }

  int integer(String key, int fallback) {
    String value = values.remove(key);
    return value == null ? fallback : Integer.parseInt(value.replace("_", ""));
  }

  String string(String key, String fallback) {
    String value = values.remove(key);
    return value == null ? fallback : value;
  }

  /** Call after reading every option: anything left was not understood. */
  void requireAllRead() {
    if (!values.isEmpty()) {
      throw new IllegalArgumentException("unknown options: " + values.keySet());
    }
  }
}
