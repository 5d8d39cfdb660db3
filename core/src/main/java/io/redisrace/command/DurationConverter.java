package io.redisrace.command;

import io.redisrace.HarnessException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as people write them: 500ms, 20s, 2m, 1h, or ISO-8601 (PT20S). Positive only. */
public final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern SIMPLE = Pattern.compile("(-?\\d+)(ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    try {
      return parse(value);
    } catch (HarnessException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  public static Duration parse(String value) {
    String v = value.trim().toLowerCase();
    Matcher m = SIMPLE.matcher(v);
    Duration d;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d = switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    } else {
      try {
        d = Duration.parse(value.trim().toUpperCase());
      } catch (RuntimeException e) {
        throw new HarnessException("'" + value + "' is not a duration; write it like 500ms, 20s, 2m or 1h.");
      }
    }
    if (d.isNegative() || d.isZero()) {
      throw new HarnessException("The duration must be positive (like 20s or 2m), not '" + value + "'.");
    }
    return d;
  }
}
