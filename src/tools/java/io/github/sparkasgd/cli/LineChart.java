package io.github.sparkasgd.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A line chart written as PNG with java.awt alone (needs {@code java.awt.headless=true} where there is
 * no display): series drawn as marked polylines over linear axes with round-number ticks, legend on
 * the right. The benchmark runner's only plotting need, so the tools carry no charting library.
 */
final class LineChart {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 560;
  private static final int PAD = 12;
  private static final int MARKER = 7;
  private static final Color[] COLORS = {
      new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
      new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
      new Color(0xbcbd22), new Color(0x17becf)};

  private record Series(String name, double[] x, double[] y) {}

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();

  LineChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /** Adds a curve through (x[i], y[i]) in order; non-finite points break the line. */
  LineChart add(String name, double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("series " + name + ": " + x.length + " x values, " + y.length + " y values");
    }
    series.add(new Series(name, x.clone(), y.clone()));
    return this;
  }

  void writePng(Path png) throws IOException {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      draw(g);
    } finally {
      g.dispose();
    }
    if (!ImageIO.write(image, "png", png.toFile())) {
      throw new IOException("no PNG writer in this JVM for " + png);
    }
  }

  private void draw(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    Font bold = plain.deriveFont(Font.BOLD, 14f);

    Axis xAxis = Axis.of(series.stream().map(Series::x).toList());
    Axis yAxis = Axis.of(series.stream().map(Series::y).toList());

    g.setFont(bold);
    FontMetrics bm = g.getFontMetrics();
    int top = PAD + bm.getHeight() + PAD;
    g.setColor(Color.BLACK);
    g.drawString(title, (WIDTH - bm.stringWidth(title)) / 2, PAD + bm.getAscent());

    g.setFont(plain);
    FontMetrics fm = g.getFontMetrics();
    int legendWidth = legendWidth(fm);
    int yTickWidth = 0;
    for (double t : yAxis.ticks) {
      yTickWidth = Math.max(yTickWidth, fm.stringWidth(yAxis.label(t)));
    }
    int left = PAD + fm.getHeight() + PAD + yTickWidth + 6;
    int right = WIDTH - PAD - (legendWidth > 0 ? legendWidth + PAD : 0);
    int bottom = HEIGHT - PAD - fm.getHeight() - 6 - fm.getHeight() - 4;
    Frame frame = new Frame(left, top, right, bottom, xAxis, yAxis);

    drawGridAndTicks(g, fm, frame);
    drawLabels(g, fm, frame);
    Shape clip = g.getClip();
    g.clipRect(left, top, right - left + 1, bottom - top + 1);
    for (int s = 0; s < series.size(); s++) {
      drawSeries(g, series.get(s), s, frame);
    }
    g.setClip(clip);
    g.setColor(Color.DARK_GRAY);
    g.setStroke(new BasicStroke(1f));
    g.drawRect(left, top, right - left, bottom - top);
    drawLegend(g, fm, right + PAD, top);
  }

  private void drawGridAndTicks(Graphics2D g, FontMetrics fm, Frame f) {
    BasicStroke dashed = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f);
    for (double t : f.x.ticks) {
      int px = f.px(t);
      g.setColor(new Color(0xd8d8d8));
      g.setStroke(dashed);
      g.drawLine(px, f.top, px, f.bottom);
      g.setColor(Color.BLACK);
      String label = f.x.label(t);
      g.drawString(label, px - fm.stringWidth(label) / 2, f.bottom + 4 + fm.getAscent());
    }
    for (double t : f.y.ticks) {
      int py = f.py(t);
      g.setColor(new Color(0xd8d8d8));
      g.setStroke(dashed);
      g.drawLine(f.left, py, f.right, py);
      g.setColor(Color.BLACK);
      String label = f.y.label(t);
      g.drawString(label, f.left - 6 - fm.stringWidth(label), py + fm.getAscent() / 2 - 1);
    }
  }

  private void drawLabels(Graphics2D g, FontMetrics fm, Frame f) {
    g.setColor(Color.BLACK);
    int cx = (f.left + f.right) / 2;
    g.drawString(xLabel, cx - fm.stringWidth(xLabel) / 2, HEIGHT - PAD - fm.getDescent());
    AffineTransform saved = g.getTransform();
    int cy = (f.top + f.bottom) / 2;
    g.rotate(-Math.PI / 2, PAD + fm.getAscent(), cy);
    g.drawString(yLabel, PAD + fm.getAscent() - fm.stringWidth(yLabel) / 2, cy);
    g.setTransform(saved);
  }

  private static void drawSeries(Graphics2D g, Series s, int index, Frame f) {
    Color color = COLORS[index % COLORS.length];
    g.setColor(color);
    g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    Path2D line = new Path2D.Double();
    boolean open = false;
    for (int i = 0; i < s.x.length; i++) {
      if (!Double.isFinite(s.x[i]) || !Double.isFinite(s.y[i])) {
        open = false;
        continue;
      }
      if (open) {
        line.lineTo(f.px(s.x[i]), f.py(s.y[i]));
      } else {
        line.moveTo(f.px(s.x[i]), f.py(s.y[i]));
        open = true;
      }
    }
    g.draw(line);
    for (int i = 0; i < s.x.length; i++) {
      if (Double.isFinite(s.x[i]) && Double.isFinite(s.y[i])) {
        g.fill(marker(index, f.px(s.x[i]), f.py(s.y[i])));
      }
    }
  }

  /** A different shape per series as well as a colour, so curves stay apart in grey print. */
  private static Shape marker(int index, double cx, double cy) {
    double r = MARKER / 2.0;
    return switch (index % 5) {
      case 0 -> new Ellipse2D.Double(cx - r, cy - r, MARKER, MARKER);
      case 1 -> polygon(new double[] {cx, cx + r, cx, cx - r}, new double[] {cy - r - 1, cy, cy + r + 1, cy});
      case 2 -> new Rectangle2D.Double(cx - r, cy - r, MARKER, MARKER);
      case 3 -> polygon(new double[] {cx, cx + r + 1, cx - r - 1}, new double[] {cy - r - 1, cy + r, cy + r});
      default -> polygon(new double[] {cx - r - 1, cx + r + 1, cx}, new double[] {cy - r, cy - r, cy + r + 1});
    };
  }

  private static Shape polygon(double[] xs, double[] ys) {
    Polygon p = new Polygon();
    for (int i = 0; i < xs.length; i++) {
      p.addPoint((int) Math.round(xs[i]), (int) Math.round(ys[i]));
    }
    return p;
  }

  private int legendWidth(FontMetrics fm) {
    int widest = 0;
    for (Series s : series) {
      widest = Math.max(widest, fm.stringWidth(s.name));
    }
    return series.isEmpty() ? 0 : 8 + 24 + 6 + widest + 8;
  }

  private void drawLegend(Graphics2D g, FontMetrics fm, int x, int top) {
    if (series.isEmpty()) {
      return;
    }
    int row = fm.getHeight() + 4;
    int height = 8 + row * series.size() + 4;
    int width = legendWidth(fm);
    int y = top + Math.max(0, (HEIGHT - top - height) / 2 - PAD);
    g.setColor(Color.WHITE);
    g.fillRect(x, y, width, height);
    g.setColor(Color.DARK_GRAY);
    g.setStroke(new BasicStroke(1f));
    g.drawRect(x, y, width, height);
    for (int s = 0; s < series.size(); s++) {
      int cy = y + 8 + row * s + row / 2 - 2;
      g.setColor(COLORS[s % COLORS.length]);
      g.setStroke(new BasicStroke(2f));
      g.drawLine(x + 8, cy, x + 32, cy);
      g.fill(marker(s, x + 20, cy));
      g.setColor(Color.BLACK);
      g.drawString(series.get(s).name, x + 38, cy + fm.getAscent() / 2 - 1);
    }
  }

  /** Pixel mapping of the plot area. */
  private record Frame(int left, int top, int right, int bottom, Axis x, Axis y) {
    int px(double v) {
      return (int) Math.round(left + (v - x.min) / (x.max - x.min) * (right - left));
    }

    int py(double v) {
      return (int) Math.round(bottom - (v - y.min) / (y.max - y.min) * (bottom - top));
    }
  }

  /** A linear axis over the data's finite range, widened to the round-number ticks around it. */
  private static final class Axis {
    final double min;
    final double max;
    final double[] ticks;
    private final int decimals;

    private Axis(double min, double max, double[] ticks, int decimals) {
      this.min = min;
      this.max = max;
      this.ticks = ticks;
      this.decimals = decimals;
    }

    static Axis of(List<double[]> values) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double[] v : values) {
        for (double d : v) {
          if (Double.isFinite(d)) {
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
          }
        }
      }
      if (lo > hi) {
        lo = 0;
        hi = 1;
      } else if (lo == hi) {
        double half = lo == 0 ? 0.5 : Math.abs(lo) * 0.05;
        lo -= half;
        hi += half;
      }
      // a 1, 2 or 5 times a power of ten: 4 to 10 ticks over the range
      double raw = (hi - lo) / 6;
      double power = Math.pow(10, Math.floor(Math.log10(raw)));
      double step = raw / power < 1.5 ? power : raw / power < 3.5 ? 2 * power : raw / power < 7.5 ? 5 * power : 10 * power;
      double first = Math.floor(lo / step) * step;
      double last = Math.ceil(hi / step) * step;
      int n = (int) Math.round((last - first) / step) + 1;
      double[] ticks = new double[n];
      for (int i = 0; i < n; i++) {
        ticks[i] = first + i * step;
      }
      int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
      return new Axis(first, last, ticks, decimals);
    }

    String label(double v) {
      return String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(v) < 1e-12 ? 0.0 : v);
    }
  }
}
