package io.redisrace;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A thing named by a short id in flags, plan files, reports and JSON ({@code jedis-retry},
 * {@code 2.8}, {@code docker}, {@code fenced}): an enum constant or a registered object. The static
 * methods are the one way an id is mapped back to its constant or object, and the one wording of
 * the error for an unknown id.
 */
public interface HasId {

  String id();

  /** The constant of {@code type} whose id is {@code id}. */
  static <E extends Enum<E> & HasId> Optional<E> byId(Class<E> type, String id) {
    return byId(constants(type), id);
  }

  /** Every id of {@code type}, in declaration order, joined by ", ". */
  static <E extends Enum<E> & HasId> String ids(Class<E> type) {
    return ids(constants(type));
  }

  /** The constant whose id is {@code text}, or "Unknown {@code what} 'text'; use one of the ids." */
  static <E extends Enum<E> & HasId> E parse(Class<E> type, String what, String text) {
    return parse(constants(type), what, text);
  }

  /** The element of {@code all} whose id is {@code id}. */
  static <T extends HasId> Optional<T> byId(Collection<T> all, String id) {
    return all.stream().filter(e -> e.id().equals(id)).findFirst();
  }

  /** Every id of {@code all}, in its order, joined by ", ". */
  static String ids(Collection<? extends HasId> all) {
    return all.stream().map(HasId::id).collect(Collectors.joining(", "));
  }

  /** The element of {@code all} whose id is {@code text}, or "Unknown {@code what} 'text'; use one of the ids." */
  static <T extends HasId> T parse(Collection<T> all, String what, String text) {
    return byId(all, text).orElseThrow(() -> unknown(what, text, ids(all)));
  }

  /**
   * Registers {@code item} under its id in {@code byId} unless the id is taken; when an object of
   * another class holds it: "Two {@code plural} are named 'id' (A and B); rename one."
   */
  static <T extends HasId> void register(Map<String, T> byId, T item, String plural) {
    T previous = byId.putIfAbsent(item.id(), item);
    if (previous != null && previous.getClass() != item.getClass()) {
      throw new HarnessException("Two " + plural + " are named '" + item.id() + "' (" + previous.getClass().getName()
          + " and " + item.getClass().getName() + "); rename one.");
    }
  }

  /** The error for an unknown id: "Unknown {@code what} 'text'; use one of {@code accepted}." */
  static HarnessException unknown(String what, String text, String accepted) {
    return new HarnessException("Unknown " + what + " '" + text + "'; use one of " + accepted + ".");
  }

  private static <E extends Enum<E> & HasId> List<E> constants(Class<E> type) {
    return Arrays.asList(type.getEnumConstants());
  }
}
