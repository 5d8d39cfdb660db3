package io.redisrace.loader;

/** The Lua source of the {@code fenced} commit. */
public final class LoaderScripts {
  private LoaderScripts() {}

  /**
   * KEYS[1] list, KEYS[2] bitmap, ARGV[1] chunk index, ARGV[2..] rows. Pushes the rows and sets the
   * bit only if the bit is still 0, atomically; returns 1 when it wrote, 0 when the chunk was
   * already loaded. Pushes in slices of 500 so that no Lua stack limit is reached.
   */
  public static final String FENCED_COMMIT =
      "if redis.call('GETBIT', KEYS[2], ARGV[1]) == 1 then return 0 end\n"
          + "local n = #ARGV\n"
          + "local i = 2\n"
          + "while i <= n do\n"
          + "  local j = math.min(i + 499, n)\n"
          + "  redis.call('LPUSH', KEYS[1], unpack(ARGV, i, j))\n"
          + "  i = j + 1\n"
          + "end\n"
          + "redis.call('SETBIT', KEYS[2], ARGV[1], 1)\n"
          + "return 1\n";
}
