package fi.ips.events;

/**
 * The kind of job. IPS counts paid work as employment; every kind counts as attachment to
 * working life.
 */
public enum JobType {
    /** Paid work in the open labour market: the outcome IPS is measured by. */
    PAID_OPEN_MARKET(true),
    /** Paid work with a wage subsidy or in a social enterprise. */
    PAID_SUPPORTED(true),
    /** Unpaid work trial (työkokeilu). */
    WORK_TRIAL(false),
    INTERNSHIP(false),
    VOLUNTEER(false);

    private final boolean paid;

    JobType(boolean paid) {
        this.paid = paid;
    }

    public boolean isPaid() {
        return paid;
    }
}
