package fi.ips.imports;

import fi.ips.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void featurePackagesWithoutCyclesAndNothingPublicThatNeedNotBe() {
        ArchitectureRules.check("fi.ips.imports");
    }
}
