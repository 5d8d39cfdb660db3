package io.redisrace.report.section;

import static io.redisrace.report.Svg.esc;

import com.fasterxml.jackson.databind.JsonNode;
import io.redisrace.process.RunDir;
import io.redisrace.report.ReportContext;
import io.redisrace.report.ReportSection;
import io.redisrace.report.RunData;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Run header: what, when, where. */
public final class OverviewSection implements ReportSection {
  public String id() { return "overview"; }
  public String title() { return "Run"; }
  public int order() { return 100; }

  public Optional<String> html(ReportContext ctx) {
    RunData run = ctx.run();
    StringBuilder sb = new StringBuilder("<table class=\"kv\">");
    JsonNode info = run.file(RunDir.RUN).orElse(null);
    kv(sb, "run", run.name());
    if (info != null) {
      kv(sb, "mode", info.path("mode").asText() + " (include " + info.path("include").asText() + ")");
      kv(sb, "started", info.path("started").asText());
      kv(sb, "benchmark wall time", info.path("wallSeconds").asText() + " s");
    }
    run.environment().fields().forEachRemaining(f -> {
      if (f.getValue().isObject()) {
        List<String> parts = new ArrayList<>();
        f.getValue().fields().forEachRemaining(s -> parts.add(s.getKey() + " = " + s.getValue().asText()));
        kv(sb, f.getKey(), String.join(", ", parts));
      } else {
        kv(sb, f.getKey(), f.getValue().asText());
      }
    });
    kv(sb, "cells", run.counterCells().size() + " counter cells, " + run.pings().size() + " PING calibration cells");
    ctx.baseline().ifPresent(b -> kv(sb, "compared with", b.name()));
    sb.append("</table>");
    return Optional.of(sb.toString());
  }

  public Optional<String> markdown(ReportContext ctx) {
    JsonNode info = ctx.run().file(RunDir.RUN).orElse(null);
    String mode = info == null ? "" : " mode **" + info.path("mode").asText() + "**,";
    return Optional.of("Run `" + ctx.run().name() + "`," + mode + " " + ctx.run().counterCells().size() + " counter cells"
        + ctx.baseline().map(b -> ", compared with " + b.name()).orElse("") + ".\n");
  }

  private static void kv(StringBuilder sb, String k, String v) {
    sb.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>");
  }
}
