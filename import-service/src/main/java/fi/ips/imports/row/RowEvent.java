package fi.ips.imports.row;

import fi.ips.events.DeclineReason;
import fi.ips.events.JobEndReason;
import fi.ips.events.ServiceEndReason;
import fi.ips.events.StudiesEndReason;

import java.util.Set;

import static fi.ips.imports.row.Columns.AGE_GROUP;
import static fi.ips.imports.row.Columns.EMPLOYER_SECTOR;
import static fi.ips.imports.row.Columns.FIXED_TERM;
import static fi.ips.imports.row.Columns.JOB_TYPE;
import static fi.ips.imports.row.Columns.OCCUPATION;
import static fi.ips.imports.row.Columns.PLACEMENT_ID;
import static fi.ips.imports.row.Columns.REASON;
import static fi.ips.imports.row.Columns.SOURCE;
import static fi.ips.imports.row.Columns.STUDY_LEVEL;
import static fi.ips.imports.row.Columns.WEEKLY_HOURS;

/**
 * What a row records, with the columns it needs and those it may have. {@code dayOrder} orders a
 * client's rows of the same date as the journey goes: referral, agreement, placements, their ends,
 * the end of the service.
 */
public enum RowEvent {
    REFERRED(0, Set.of(SOURCE), Set.of(AGE_GROUP), null),
    REFERRAL_DECLINED(1, Set.of(REASON), Set.of(), DeclineReason.class),
    REFERRAL_WITHDRAWN(1, Set.of(), Set.of(), null),
    AGREEMENT_SIGNED(1, Set.of(), Set.of(), null),
    JOB_STARTED(2, Set.of(PLACEMENT_ID, JOB_TYPE), Set.of(WEEKLY_HOURS, EMPLOYER_SECTOR, OCCUPATION, FIXED_TERM), null),
    STUDIES_STARTED(2, Set.of(PLACEMENT_ID), Set.of(STUDY_LEVEL), null),
    JOB_ENDED(3, Set.of(PLACEMENT_ID, REASON), Set.of(), JobEndReason.class),
    STUDIES_ENDED(3, Set.of(PLACEMENT_ID, REASON), Set.of(), StudiesEndReason.class),
    SERVICE_ENDED(4, Set.of(REASON), Set.of(), ServiceEndReason.class);

    private final int dayOrder;
    private final Set<String> required;
    private final Set<String> optional;
    private final Class<? extends Enum<?>> reasons;

    RowEvent(int dayOrder, Set<String> required, Set<String> optional, Class<? extends Enum<?>> reasons) {
        this.dayOrder = dayOrder;
        this.required = required;
        this.optional = optional;
        this.reasons = reasons;
    }

    public int dayOrder() {
        return dayOrder;
    }

    /** A job's or studies' row, which names its placement. */
    public boolean isPlacement() {
        return required.contains(PLACEMENT_ID);
    }

    Set<String> required() {
        return required;
    }

    boolean allows(String column) {
        return required.contains(column) || optional.contains(column);
    }

    /** The allowed values of the {@code reason} column for this event, or null when it has none. */
    Class<? extends Enum<?>> reasons() {
        return reasons;
    }
}
