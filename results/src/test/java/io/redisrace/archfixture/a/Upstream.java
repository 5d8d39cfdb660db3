package io.redisrace.archfixture.a;

import io.redisrace.archfixture.b.Downstream;

/** Half of a planted package cycle (a -> b -> a) that ArchitectureTests must report; test-only. */
public final class Upstream {
  public Downstream next() {
    return new Downstream();
  }
}
