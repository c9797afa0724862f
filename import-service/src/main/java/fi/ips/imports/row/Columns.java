package fi.ips.imports.row;

import java.util.List;

/** The columns of an import file, as in docs/import-template.csv; the header row names them. */
public final class Columns {

    public static final String CLIENT_ID = "clientId";
    public static final String EVENT = "event";
    public static final String DATE = "date";
    public static final String SOURCE = "source";
    public static final String AGE_GROUP = "ageGroup";
    public static final String REASON = "reason";
    public static final String PLACEMENT_ID = "placementId";
    public static final String JOB_TYPE = "jobType";
    public static final String WEEKLY_HOURS = "weeklyHours";
    public static final String EMPLOYER_SECTOR = "employerSector";
    public static final String OCCUPATION = "occupation";
    public static final String STUDY_LEVEL = "studyLevel";
    /** A fixed-term contract (määräaikainen): true or false. */
    public static final String FIXED_TERM = "fixedTerm";

    /** Every column, in the template's order. */
    public static final List<String> ALL = List.of(CLIENT_ID, EVENT, DATE, SOURCE, AGE_GROUP, REASON, PLACEMENT_ID,
            JOB_TYPE, WEEKLY_HOURS, EMPLOYER_SECTOR, OCCUPATION, STUDY_LEVEL, FIXED_TERM);

    /** The columns every file has; the others may be left out when no row uses them. */
    static final List<String> REQUIRED = List.of(CLIENT_ID, EVENT, DATE);

    private Columns() {
    }
}
