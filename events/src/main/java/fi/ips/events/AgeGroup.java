package fi.ips.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The client's age group; written as its label, e.g. {@code "25-34"}. */
public enum AgeGroup {
    AGE_18_24("18-24"),
    AGE_25_34("25-34"),
    AGE_35_44("35-44"),
    AGE_45_54("45-54"),
    AGE_55_64("55-64");

    private final String label;

    AgeGroup(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException for a label that is not an age group */
    @JsonCreator
    public static AgeGroup ofLabel(String label) {
        for (AgeGroup group : values()) {
            if (group.label.equals(label)) {
                return group;
            }
        }
        throw new IllegalArgumentException("unknown age group '" + label + "', expected one of 18-24, 25-34, 35-44, 45-54, 55-64");
    }
}
