package io.redisrace.command;

import io.redisrace.HarnessException;
import io.redisrace.process.Shard;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --shard k/n} as a {@link Shard}; a bad value is one sentence (exit 2). */
public final class ShardConverter implements ITypeConverter<Shard> {
  @Override
  public Shard convert(String value) {
    try {
      return Shard.parse(value);
    } catch (HarnessException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
