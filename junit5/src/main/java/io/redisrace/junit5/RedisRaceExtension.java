package io.redisrace.junit5;

import io.redisrace.server.RedisServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The extension behind {@link RedisRaceTest}: resolves {@link RaceHunter}, {@link LoaderChaos} and
 * {@code @Redis("id") RedisServer} parameters. Servers live in the store of the top-level test
 * class, as a {@link Servers} resource: started on first use, shared by the class's tests (nested
 * classes included), stopped by JUnit when the class is done, even when a test failed. A chaos run
 * starts and stops its own Redis and Toxiproxy (the faults strike them) inside {@link LoaderChaos.Run#run()}.
 */
public final class RedisRaceExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisRaceExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == RaceHunter.class || type == LoaderChaos.class || (type == RedisServer.class && parameter.isAnnotated(Redis.class));
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == RaceHunter.class) {
      return new RaceHunter(servers(context));
    }
    if (type == LoaderChaos.class) {
      return new LoaderChaos();
    }
    if (type == RedisServer.class) {
      return servers(context).get(parameter.findAnnotation(Redis.class).orElseThrow().value());
    }
    throw new ParameterResolutionException("RedisRaceExtension cannot resolve " + parameter.getParameter() + ".");
  }

  /** The servers of the top-level test class of {@code context}. */
  static Servers servers(ExtensionContext context) {
    return classContext(context).getStore(NAMESPACE).getOrComputeIfAbsent(Servers.class, k -> new Servers(), Servers.class);
  }

  /** The context whose parent is the engine's root: the top-level test class. */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getParent().flatMap(ExtensionContext::getParent).isPresent()) {
      c = c.getParent().orElseThrow();
    }
    return c;
  }
}
