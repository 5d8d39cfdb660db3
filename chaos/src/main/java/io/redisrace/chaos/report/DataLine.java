package io.redisrace.chaos.report;

import java.util.ArrayList;
import java.util.List;

/** One line of a cell data file ({@code known-unsafe.txt}, {@code known-lossy.txt}): where it is, its text and its words. */
record DataLine(String where, String line, String[] words) {

  /** The non-blank, non-comment lines of {@code text}; {@code source} names the file in {@link #where}. */
  static List<DataLine> of(String text, String source) {
    List<DataLine> out = new ArrayList<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        out.add(new DataLine(source + " line " + (i + 1), line, line.split("\\s+")));
      }
    }
    return out;
  }
}
