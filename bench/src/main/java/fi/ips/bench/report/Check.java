package fi.ips.bench.report;

/**
 * One figure held against its target, and against what the machine itself manages (the ceiling), if
 * there is a comparable one.
 *
 * @param ceiling the raw rate of the same work on this machine, NaN when there is none to compare with
 */
public record Check(String figure, double value, String unit, Target target, double ceiling, String ceilingName) {

    public static Check of(String figure, double value, String unit, Target target) {
        return new Check(figure, value, unit, target, Double.NaN, null);
    }

    public Check against(double ceiling, String ceilingName) {
        return new Check(figure, value, unit, target, ceiling, ceilingName);
    }

    public boolean met() {
        return target.metBy(value);
    }

    /** The figure as a share of the ceiling, NaN without one. */
    public double ratio() {
        return Double.isNaN(ceiling) || ceiling == 0 ? Double.NaN : value / ceiling;
    }
}
