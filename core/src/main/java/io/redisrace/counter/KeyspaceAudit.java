package io.redisrace.counter;

import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The out-of-band check: SCAN the keys under a prefix and count those without a TTL (PTTL -1).
 * In-band counting sees a TTL-less key only when the operation's own PTTL catches it; the audit
 * finds those that any path left behind. Works on every version from 2.8 (SCAN).
 */
public final class KeyspaceAudit {
  private KeyspaceAudit() {}

  /** Result: how many keys matched, and the TTL-less ones (at most 100 named). */
  public record Result(long keys, long ttlLess, List<String> ttlLessSample) {}

  public static Result audit(Jedis jedis, String prefix) {
    ScanParams params = new ScanParams().match(prefix + "*").count(1000);
    String cursor = ScanParams.SCAN_POINTER_START;
    long keys = 0;
    long ttlLess = 0;
    List<String> sample = new ArrayList<>();
    do {
      ScanResult<String> page = jedis.scan(cursor, params);
      for (String key : page.getResult()) {
        keys++;
        if (jedis.pttl(key) == -1) {
          ttlLess++;
          if (sample.size() < 100) {
            sample.add(key);
          }
        }
      }
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return new Result(keys, ttlLess, sample);
  }

  /** DEL of every key under {@code prefix} on one server (SCAN pages of 1000). */
  public static void clear(Jedis admin, String prefix) {
    String cursor = "0";
    do {
      ScanResult<String> page = admin.scan(cursor, new ScanParams().match(prefix + "*").count(1000));
      if (!page.getResult().isEmpty()) {
        admin.del(page.getResult().toArray(String[]::new));
      }
      cursor = page.getCursor();
    } while (!cursor.equals("0"));
  }

}
