package io.redisrace;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A constant named by a short id in flags, plan files, reports and JSON ({@code jedis-retry},
 * {@code 2.8}, {@code docker}). The static methods are the one way an id is mapped back to its
 * enum constant, and the one wording of the error for an unknown id.
 */
public interface HasId {

  String id();

  /** The constant of {@code type} whose id is {@code id}. */
  static <E extends Enum<E> & HasId> Optional<E> byId(Class<E> type, String id) {
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.id().equals(id)).findFirst();
  }

  /** Every id of {@code type}, in declaration order, joined by ", ". */
  static <E extends Enum<E> & HasId> String ids(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(HasId::id).collect(Collectors.joining(", "));
  }

  /** The constant whose id is {@code text}, or "Unknown {@code what} 'text'; use one of the ids." */
  static <E extends Enum<E> & HasId> E parse(Class<E> type, String what, String text) {
    return byId(type, text).orElseThrow(() -> unknown(what, text, ids(type)));
  }

  /** The error for an unknown id: "Unknown {@code what} 'text'; use one of {@code accepted}." */
  static HarnessException unknown(String what, String text, String accepted) {
    return new HarnessException("Unknown " + what + " '" + text + "'; use one of " + accepted + ".");
  }
}
