package fi.ips.bench.report;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The single-event ingestion figures as a PNG, drawn with java.awt (headless): events/s per number of
 * concurrent clients on the left, latency p50/p95/p99 on the right, each with its target as a dashed line.
 */
public final class IngestionChart {

    /** One concurrency level's figures. */
    public record Point(int clients, double eventsPerSecond, Latencies latencies) {
    }

    private static final int PANEL_WIDTH = 480;
    private static final int HEIGHT = 400;
    private static final int MARGIN = 60;
    private static final Color[] LATENCY_COLOURS = {new Color(0x4c78a8), new Color(0xf58518), new Color(0xe45756)};

    private IngestionChart() {
    }

    public static void write(List<Point> points, double throughputTarget, double p99TargetMs, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(2 * PANEL_WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

        double maxRate = Math.max(throughputTarget, points.stream().mapToDouble(Point::eventsPerSecond).filter(d -> !Double.isNaN(d)).max().orElse(1)) * 1.15;
        panel(g, 0, "Single-event ingestion: events/s", maxRate, throughputTarget, "target " + Report.number(throughputTarget));
        int slot = (PANEL_WIDTH - 2 * MARGIN) / Math.max(1, points.size());
        for (int i = 0; i < points.size(); i++) {
            Point point = points.get(i);
            int x = MARGIN + i * slot;
            int h = (int) (point.eventsPerSecond() / maxRate * plotHeight());
            g.setColor(new Color(0x54a24b));
            g.fillRect(x + slot / 4, HEIGHT - MARGIN - h, slot / 2, h);
            g.setColor(Color.BLACK);
            centred(g, Report.number(point.eventsPerSecond()), x + slot / 2, HEIGHT - MARGIN - h - 4);
            centred(g, clients(point.clients()), x + slot / 2, HEIGHT - MARGIN + 16);
        }

        double maxLatency = Math.max(p99TargetMs, points.stream().mapToDouble(p -> p.latencies().p99Ms()).filter(d -> !Double.isNaN(d)).max().orElse(1)) * 1.15;
        panel(g, PANEL_WIDTH, "Latency (ms): p50, p95, p99", maxLatency, p99TargetMs, "p99 target " + Report.number(p99TargetMs) + " ms");
        String[] names = {"p50", "p95", "p99"};
        for (int i = 0; i < points.size(); i++) {
            Latencies l = points.get(i).latencies();
            double[] values = {l.p50Ms(), l.p95Ms(), l.p99Ms()};
            int x = PANEL_WIDTH + MARGIN + i * slot;
            int bar = slot / 4;
            for (int k = 0; k < values.length; k++) {
                int h = Double.isNaN(values[k]) ? 0 : (int) (values[k] / maxLatency * plotHeight());
                g.setColor(LATENCY_COLOURS[k]);
                g.fillRect(x + bar / 2 + k * bar, HEIGHT - MARGIN - h, bar - 2, h);
            }
            g.setColor(Color.BLACK);
            centred(g, clients(points.get(i).clients()), x + slot / 2, HEIGHT - MARGIN + 16);
        }
        for (int k = 0; k < names.length; k++) {
            g.setColor(LATENCY_COLOURS[k]);
            g.fillRect(2 * PANEL_WIDTH - MARGIN - 150 + k * 50, 38, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(names[k], 2 * PANEL_WIDTH - MARGIN - 136 + k * 50, 48);
        }
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private static void panel(Graphics2D g, int left, String title, double max, double target, String targetLabel) {
        g.setColor(Color.BLACK);
        g.setFont(g.getFont().deriveFont(Font.BOLD, 14f));
        g.drawString(title, left + MARGIN, 24);
        g.setFont(g.getFont().deriveFont(Font.PLAIN, 11f));
        int bottom = HEIGHT - MARGIN;
        g.drawLine(left + MARGIN, bottom, left + PANEL_WIDTH - MARGIN / 2, bottom);
        g.drawLine(left + MARGIN, bottom, left + MARGIN, MARGIN);
        for (int tick = 0; tick <= 4; tick++) {
            double value = max * tick / 4;
            int y = bottom - (int) (plotHeight() * tick / 4.0);
            g.drawString(Report.number(value), left + 4, y + 4);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(left + MARGIN + 1, y, left + PANEL_WIDTH - MARGIN / 2, y);
            g.setColor(Color.BLACK);
        }
        int y = bottom - (int) (target / max * plotHeight());
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
        g.drawLine(left + MARGIN, y, left + PANEL_WIDTH - MARGIN / 2, y);
        g.setStroke(new BasicStroke(1f));
        g.drawString(targetLabel, left + MARGIN + 4, y - 4);
        g.setColor(Color.BLACK);
    }

    private static String clients(int n) {
        return n == 1 ? "1 client" : n + " clients";
    }

    private static int plotHeight() {
        return HEIGHT - 2 * MARGIN;
    }

    private static void centred(Graphics2D g, String text, int x, int y) {
        g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, y);
    }
}
