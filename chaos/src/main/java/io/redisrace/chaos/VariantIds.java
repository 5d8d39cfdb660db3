package io.redisrace.chaos;

import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.LoaderVariants;
import java.util.Iterator;

/** The registered loader variant ids, for help texts. */
final class VariantIds implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return LoaderVariants.all().stream().map(LoaderVariant::id).iterator();
  }
}
