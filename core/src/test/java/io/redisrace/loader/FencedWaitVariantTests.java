package io.redisrace.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code fenced-wait}'s commit on a store that counts what it is sent: WAIT too short is unknown, the idempotent commit again. */
class FencedWaitVariantTests {
  /** A store whose script answers 1 the first time and 0 after (the bit is set), and whose WAIT answers {@code acks}. */
  static final class CountingStore implements ChunkStore {
    final List<String> sent = new ArrayList<>();
    final long acks;
    final int replicas;

    CountingStore(int replicas, long acks) {
      this.replicas = replicas;
      this.acks = acks;
    }

    @Override public void scriptLoad(String script) { sent.add("SCRIPT LOAD"); }
    @Override public boolean isMarked(int chunk) { return false; }
    @Override public boolean tryNameLock(String name) { return true; }
    @Override public void releaseNameLock() {}
    @Override public void multiPush(int chunk, List<String> rows, boolean mark) { sent.add("MULTI"); }
    @Override public long eval(String script, List<String> keys, List<String> args) {
      sent.add("EVALSHA");
      return sent.stream().filter("EVALSHA"::equals).count() == 1 ? 1 : 0;
    }
    @Override public String command(String... args) { return null; }
    @Override public long waitReplicas(int n, long ms) { sent.add("WAIT " + n + " " + ms); return acks; }
    @Override public int connectedReplicas() { return replicas; }
    @Override public void close() {}
  }

  static final LoaderKeys KEYS = new LoaderKeys("t");

  @Test
  void enoughAcknowledgementsEndTheCommit() {
    FencedWaitVariant v = new FencedWaitVariant();
    CountingStore s = new CountingStore(2, 2);
    v.prepare(s);
    assertThat(v.commit(s, KEYS, 0, List.of("1:a"))).isTrue();
    assertThat(s.sent).containsExactly("SCRIPT LOAD", "EVALSHA", "WAIT 2 500");
  }

  @Test
  void tooFewAcknowledgementsAreUnknown_theIdempotentCommitIsSentAgainThenTheRunFails() {
    FencedWaitVariant v = new FencedWaitVariant();
    CountingStore s = new CountingStore(2, 0);
    v.prepare(s);
    assertThatThrownBy(() -> v.commit(s, KEYS, 3, List.of("61:a"))).isInstanceOf(IllegalStateException.class)
        .hasMessage("WAIT 2 500: 0 replica(s) acknowledged chunk 3 after 3 attempts; outcome unknown");
    assertThat(s.sent).containsExactly("SCRIPT LOAD", "EVALSHA", "WAIT 2 500", "EVALSHA", "WAIT 2 500", "EVALSHA", "WAIT 2 500");
  }

  @Test
  void oneServerWithoutReplicasIsFenced_noWaitIsSent() {
    FencedWaitVariant v = new FencedWaitVariant();
    CountingStore s = new CountingStore(0, 0);
    v.prepare(s);
    assertThat(v.commit(s, KEYS, 0, List.of("1:a"))).isTrue();
    assertThat(s.sent).containsExactly("SCRIPT LOAD", "EVALSHA");
  }
}
