package fi.ips.placement;

import fi.ips.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void featurePackagesWithoutCyclesAndNothingPublicThatNeedNotBe() {
        ArchitectureRules.check("fi.ips.placement");
    }
}
