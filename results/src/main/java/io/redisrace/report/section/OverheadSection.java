package io.redisrace.report.section;

import static io.redisrace.report.Format.num;
import static io.redisrace.report.Svg.esc;
import static io.redisrace.report.section.Palette.GREY;
import static io.redisrace.report.section.Palette.color;

import io.redisrace.report.OverheadRatio;
import io.redisrace.report.ReportContext;
import io.redisrace.report.ReportSection;
import io.redisrace.report.Svg;
import java.util.List;
import java.util.Optional;

/** lua single-thread ops/s / redis-benchmark -c 1 EVALSHA ({@link OverheadRatio}). */
public final class OverheadSection implements ReportSection {
  public String id() { return "overhead"; }
  public String title() { return "Harness overhead"; }
  public int order() { return 800; }

  public Optional<String> html(ReportContext ctx) {
    StringBuilder sb = new StringBuilder("<p>How much of the measured time is the harness (JMH, Jedis, the JVM) rather than Redis? "
        + "The single-thread <code>lua</code> throughput on one connection divided by <code>redis-benchmark -c 1</code> (or, where "
        + "it is not installed, the harness's reference client: raw RESP on one socket, no client library) sending "
        + "<code>EVALSHA</code> of the same script with the same key and TTL to a server of the same version, in the same run. "
        + "1.0 = as fast as the cheapest client.</p>");
    Optional<OverheadRatio> r = OverheadRatio.of(ctx.run());
    sb.append("<p class=\"").append(r.map(x -> x.ratio() >= 0.9 ? "pass" : "warn").orElse("warn")).append("\">")
        .append(esc(OverheadRatio.sentence(ctx.run()))).append("</p>");
    r.ifPresent(x -> {
      List<Svg.Row> rows = List.of(
          new Svg.Row(OverheadRatio.reference(ctx.run()).startsWith("redis-benchmark") ? "redis-benchmark -c 1 EVALSHA" : "reference client EVALSHA", x.toolOps(), Double.NaN, Double.NaN, GREY, Svg.Mark.BAR, num(x.toolOps()) + " req/s"),
          new Svg.Row("JMH lua · jedis · 1 thread", x.luaOps(), Double.NaN, Double.NaN, color("lua"), Svg.Mark.BAR, num(x.luaOps()) + " ops/s"));
      sb.append(Svg.chart("Harness overhead", "operations per second", rows, Svg.Scale.LINEAR, null));
      sb.append("<p><small>").append(esc(x.detail())).append("</small></p>");
    });
    return Optional.of(sb.toString());
  }

  public Optional<String> markdown(ReportContext ctx) {
    return Optional.of(OverheadRatio.sentence(ctx.run()) + "\n");
  }
}
