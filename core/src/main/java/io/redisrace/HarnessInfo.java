package io.redisrace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Build-time facts (versions pinned in the parent pom), read from harness.properties. */
public final class HarnessInfo {
  private static final Properties PROPS = load();

  private HarnessInfo() {}

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = HarnessInfo.class.getResourceAsStream("harness.properties")) {
      if (in != null) {
        p.load(in);
      }
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String version() {
    return PROPS.getProperty("harness.version", "dev");
  }

  /** The pinned Toxiproxy release, e.g. v2.12.0. */
  public static String toxiproxyVersion() {
    return PROPS.getProperty("toxiproxy.server.version", "v2.12.0");
  }

  public static String toxiproxyModule() {
    return PROPS.getProperty("toxiproxy.server.module", "github.com/Shopify/toxiproxy/v2/cmd/server");
  }
}
