package io.redisrace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The data files a jar carries beside its classes (presets, known-unsafe cells, the bench plan). */
public final class Bundled {
  private Bundled() {}

  /**
   * The UTF-8 text of {@code resource}, resolved like {@link Class#getResourceAsStream} against
   * {@code anchor}; a missing file is one sentence naming it, since it means the jar is incomplete.
   */
  public static String text(Class<?> anchor, String resource) {
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new HarnessException("The class path has no " + resource + " beside " + anchor.getSimpleName()
            + "; the jar that holds it is incomplete.");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
