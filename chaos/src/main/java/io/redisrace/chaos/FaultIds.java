package io.redisrace.chaos;

import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.Faults;
import java.util.Iterator;

/** The registered fault ids, for help texts. */
final class FaultIds implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return Faults.all().stream().map(Fault::id).iterator();
  }
}
