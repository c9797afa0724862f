package fi.ips.importcli;

import java.io.PrintStream;

/**
 * A progress bar on a terminal ({@code \r} redraws one line); elsewhere (a CI log, a file) a line
 * per tenth, so a log is not flooded.
 */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private long lastTenth = -1;
    private boolean drawn;

    ProgressBar(PrintStream out, boolean terminal, String label) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
    }

    synchronized void show(long done, long total, String unit) {
        double share = total <= 0 ? 0 : Math.min(1.0, (double) done / total);
        long tenth = Math.round(Math.floor(share * 10));
        if (terminal) {
            int filled = (int) Math.round(share * WIDTH);
            out.printf("\r%-10s [%s%s] %3d %% %,d/%,d %s", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                    Math.round(share * 100), done, total, unit);
            drawn = true;
        } else if (tenth != lastTenth) {
            out.printf("%s %d %% (%,d/%,d %s)%n", label, tenth * 10, done, total, unit);
        }
        lastTenth = tenth;
        out.flush();
    }

    /** A line of its own, below the bar on a terminal (the bar is drawn again after it). */
    synchronized void note(String line) {
        finish();
        drawn = false;
        out.println(line);
        out.flush();
    }

    synchronized void finish() {
        if (terminal && drawn) {
            out.println();
        }
    }
}
