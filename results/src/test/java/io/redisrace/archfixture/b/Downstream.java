package io.redisrace.archfixture.b;

import io.redisrace.archfixture.a.Upstream;

/** The other half of the planted package cycle; test-only. */
public final class Downstream {
  public Upstream back() {
    return new Upstream();
  }
}
