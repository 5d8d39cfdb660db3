package io.redisrace.loader;

import io.redisrace.HarnessException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Every loader variant the harness knows, found once with {@link ServiceLoader} in the order of the
 * {@code META-INF/services/io.redisrace.loader.LoaderVariant} files on the class path (the
 * built-ins first). One instance per id, so variants compare by identity.
 */
public final class LoaderVariants {
  private LoaderVariants() {}

  private static final class Holder {
    static final List<LoaderVariant> ALL = load();
  }

  private static List<LoaderVariant> load() {
    Map<String, LoaderVariant> byId = new LinkedHashMap<>();
    for (LoaderVariant v : ServiceLoader.load(LoaderVariant.class, LoaderVariants.class.getClassLoader())) {
      LoaderVariant previous = byId.putIfAbsent(v.id(), v);
      if (previous != null && previous.getClass() != v.getClass()) {
        throw new HarnessException("Two loader variants are named '" + v.id() + "' (" + previous.getClass().getName()
            + " and " + v.getClass().getName() + "); rename one.");
      }
    }
    return List.copyOf(byId.values());
  }

  public static List<LoaderVariant> all() {
    return Holder.ALL;
  }

  public static Optional<LoaderVariant> byId(String id) {
    return all().stream().filter(v -> v.id().equals(id)).findFirst();
  }

  /** The variant with this id, or a HarnessException that lists the accepted ids. */
  public static LoaderVariant parse(String text) {
    return byId(text).orElseThrow(() ->
        new HarnessException("Unknown loader variant '" + text + "'; use one of " + ids() + "."));
  }

  public static String ids() {
    return all().stream().map(LoaderVariant::id).collect(Collectors.joining(", "));
  }
}
