package io.redisrace.loader;

/**
 * {@code bitmap}: {@code GETBIT done i} and skip when 1; else {@code MULTI; LPUSH...; SETBIT done i
 * 1; EXEC}. The check and the commit are two steps: two loaders, or one loader and its own retry,
 * can both pass the check.
 */
public final class BitmapVariant extends MarkingVariant {
  @Override
  public String id() {
    return "bitmap";
  }

  @Override
  public String summary() {
    return "GETBIT done i (skip if 1); MULTI; LPUSH...; SETBIT done i 1; EXEC";
  }
}
