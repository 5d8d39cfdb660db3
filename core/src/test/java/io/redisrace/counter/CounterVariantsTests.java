package io.redisrace.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redisrace.HarnessException;
import io.redisrace.server.RedisVersion;
import org.junit.jupiter.api.Test;

class CounterVariantsTests {

  @Test
  void knowsTheBuiltInsByTheirIds() {
    assertThat(CounterVariants.all()).extracting(CounterVariant::id)
        .startsWith("naive", "pipeline", "multi", "lua", "watch-retry", "multi-heal", "lua-heal");
    assertThat(CounterVariants.parse("watch-retry")).isEqualTo(BuiltInVariant.WATCH_RETRY);
  }

  @Test
  void findsUserVariantsThroughServiceLoader() {
    assertThat(CounterVariants.byId("example-user-variant")).isPresent();
  }

  @Test
  void unknownVariantListsTheAcceptedOnes() {
    assertThatThrownBy(() -> CounterVariants.parse("multii"))
        .isInstanceOf(HarnessException.class)
        .hasMessageStartingWith("Unknown variant 'multii'; use one of naive, pipeline, multi, lua, watch-retry, multi-heal, lua-heal");
  }

  @Test
  void multiHealNeedsRedisSeven() {
    assertThat(BuiltInVariant.MULTI_HEAL.unsupportedOn(RedisVersion.parse("2.8.19")))
        .hasValue("Variant multi-heal needs PEXPIRE ... NX, which Redis 2.8.19 lacks (7.0 or newer required); use lua-heal on this server.");
    assertThat(BuiltInVariant.MULTI_HEAL.unsupportedOn(RedisVersion.parse("6.2.11"))).isPresent();
    assertThat(BuiltInVariant.MULTI_HEAL.unsupportedOn(RedisVersion.parse("7.0.15"))).isEmpty();
  }

  @Test
  void scriptShaIsTheOneRedisComputes() {
    // SHA1 of "return 1", as SCRIPT LOAD prints it
    assertThat(Scripts.sha1("return 1")).isEqualTo("e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
  }
}
