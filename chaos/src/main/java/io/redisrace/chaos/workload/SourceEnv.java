package io.redisrace.chaos.workload;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The parts of a server source's JDBC URL ({@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres})
 * as environment variables of a black-box loader, for drivers that take them one by one (Python's
 * DB-API drivers: {@code pymysql.connect(host=..., port=...)}, {@code psycopg.connect(host=..., dbname=...)}):
 * {@code REDIS_RACE_SOURCE_HOST}, {@code _PORT}, {@code _DATABASE}, and {@code _USER} and
 * {@code _PASSWORD} when the URL gives them (as {@code user=}/{@code password=} or before an {@code @}).
 */
final class SourceEnv {
  private SourceEnv() {}

  /** Adds the parts of {@code jdbcUrl} that it has to {@code env}; a URL that is not {@code jdbc:kind://host...} adds none. */
  static void putParts(String jdbcUrl, Map<String, String> env) {
    URI u;
    try {
      u = URI.create(jdbcUrl.substring("jdbc:".length()));
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return;
    }
    if (u.getHost() == null) {
      return;
    }
    env.put("REDIS_RACE_SOURCE_HOST", u.getHost());
    if (u.getPort() > 0) {
      env.put("REDIS_RACE_SOURCE_PORT", Integer.toString(u.getPort()));
    }
    String db = u.getPath() == null ? "" : u.getPath().replaceFirst("^/", "");
    if (!db.isEmpty()) {
      env.put("REDIS_RACE_SOURCE_DATABASE", db);
    }
    if (u.getRawUserInfo() != null) {
      String[] up = u.getRawUserInfo().split(":", 2);
      env.put("REDIS_RACE_SOURCE_USER", decode(up[0]));
      if (up.length > 1) {
        env.put("REDIS_RACE_SOURCE_PASSWORD", decode(up[1]));
      }
    }
    if (u.getRawQuery() != null) {
      for (String pair : u.getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        if (kv.length == 2 && (kv[0].equals("user") || kv[0].equals("password"))) {
          env.put("REDIS_RACE_SOURCE_" + kv[0].toUpperCase(java.util.Locale.ROOT), decode(kv[1]));
        }
      }
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
