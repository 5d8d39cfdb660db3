package io.redisrace.chaos;

import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.Faults;

/** The registered fault ids, for help texts. */
final class FaultIds implements Iterable<String> {
  @Override
  public java.util.Iterator<String> iterator() {
    return Faults.all().stream().map(Fault::id).iterator();
  }
}
