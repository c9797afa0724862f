package fi.ips.bench.report;

/** A figure's goal: at least or at most {@code limit} {@code unit}. */
public record Target(boolean atLeast, double limit, String unit) {

    public static Target atLeast(double limit, String unit) {
        return new Target(true, limit, unit);
    }

    public static Target atMost(double limit, String unit) {
        return new Target(false, limit, unit);
    }

    /** A figure that could not be measured (NaN) misses its target. */
    public boolean metBy(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        return atLeast ? value >= limit : value <= limit;
    }

    @Override
    public String toString() {
        return (atLeast ? "≥ " : "≤ ") + Report.number(limit) + " " + unit;
    }
}
