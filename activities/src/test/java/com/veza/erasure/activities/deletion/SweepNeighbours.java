package com.veza.erasure.activities.deletion;

import io.lettuce.core.api.sync.RedisKeyCommands;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keys a sweep of {@code users} must never touch: ids that share a prefix with a batch id, ids
 * continued past the segment, other cases of the same id, glob-looking names, other prefixes.
 */
final class SweepNeighbours {
  private SweepNeighbours() {}

  static List<String> of(List<UUID> users) {
    List<String> keys = new ArrayList<>();
    for (UUID user : users) {
      String id = user.toString();
      keys.addAll(UserKeys.ofUser(UserKeys.neighbourOf(user)));
      keys.add("user:" + id);
      keys.add("user:" + id + "x:profile");
      keys.add("user:" + id + "-old:profile");
      keys.add("user:" + id.toUpperCase(java.util.Locale.ROOT) + ":profile");
      keys.add("user:" + id.substring(0, id.length() - 1) + ":profile");
      keys.add("users:" + id + ":profile");
      keys.add("xuser:" + id + ":profile");
      keys.add("global:config:" + id);
    }
    keys.addAll(
        List.of("user:[a]*", "user:*:profile", "user:?", "user:\\", "user:*", "user:", "user::*"));
    return keys;
  }

  /** DUMP of every key: the serialized value, byte for byte. */
  static Map<String, byte[]> dump(RedisKeyCommands<String, String> commands, List<String> keys) {
    Map<String, byte[]> dumps = new LinkedHashMap<>();
    for (String key : keys) {
      dumps.put(key, commands.dump(key));
    }
    return dumps;
  }

  /** The keys whose DUMP differs from {@code before} (or that are gone). */
  static List<String> changed(
      RedisKeyCommands<String, String> commands, Map<String, byte[]> before) {
    List<String> changed = new ArrayList<>();
    before.forEach(
        (key, dump) -> {
          byte[] now = commands.dump(key);
          if (now == null || !Arrays.equals(now, dump)) {
            changed.add(key);
          }
        });
    return changed;
  }

  /** Calls of {@code SCAN} so far, from {@code INFO commandstats}. */
  static long scanCalls(String commandstats) {
    return commandstats
        .lines()
        .filter(l -> l.startsWith("cmdstat_scan:"))
        .flatMap(l -> Arrays.stream(l.substring(l.indexOf(':') + 1).split(",")))
        .filter(kv -> kv.startsWith("calls="))
        .mapToLong(kv -> Long.parseLong(kv.substring("calls=".length())))
        .findFirst()
        .orElse(0);
  }
}
