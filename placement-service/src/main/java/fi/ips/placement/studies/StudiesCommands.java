package fi.ips.placement.studies;

import fi.ips.events.Region;
import fi.ips.events.StudiesEndReason;
import fi.ips.events.StudyLevel;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

final class StudiesCommands {

    private StudiesCommands() {
    }

    record StartStudiesCommand(@TargetAggregateIdentifier String studyId, String clientId, Region region, LocalDate startedOn,
                               StudyLevel level) {
    }

    record EndStudiesCommand(@TargetAggregateIdentifier String studyId, LocalDate endedOn, StudiesEndReason reason) {
    }

    record VoidStudiesCommand(@TargetAggregateIdentifier String studyId, LocalDate voidedOn) {
    }

    record CorrectStudiesStartCommand(@TargetAggregateIdentifier String studyId, LocalDate startedOn) {
    }

    record CorrectStudiesEndCommand(@TargetAggregateIdentifier String studyId, LocalDate endedOn) {
    }
}
