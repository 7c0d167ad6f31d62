package io.github.tmux4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table: a header, a rule of dashes, and left-aligned columns as wide as their widest cell. */
final class Table {
  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  /**
   * Starts a table.
   *
   * @param header the column titles
   */
  Table(String... header) {
    this.columns = header.length;
    rows.add(header.clone());
    String[] rule = new String[columns];
    for (int i = 0; i < columns; i++) {
      rule[i] = "-".repeat(header[i].length());
    }
    rows.add(rule);
  }

  /**
   * Adds a row.
   *
   * @param cells one cell per column
   * @return this table
   */
  Table row(String... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
    }
    rows.add(cells.clone());
    return this;
  }

  /**
   * Prints the table; the last column is not padded.
   *
   * @param out where to print
   */
  void print(PrintWriter out) {
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(row[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - row[i].codePointCount(0, row[i].length()) + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
