package io.redisrace.loader;

import io.redisrace.HasId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

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
    ServiceLoader.load(LoaderVariant.class, LoaderVariants.class.getClassLoader())
        .forEach(v -> HasId.register(byId, v, "loader variants"));
    return List.copyOf(byId.values());
  }

  public static List<LoaderVariant> all() {
    return Holder.ALL;
  }

  public static Optional<LoaderVariant> byId(String id) {
    return HasId.byId(all(), id);
  }

  /** The variant with this id, or a HarnessException that lists the accepted ids. */
  public static LoaderVariant parse(String text) {
    return HasId.parse(all(), "loader variant", text);
  }

  public static String ids() {
    return HasId.ids(all());
  }
}
