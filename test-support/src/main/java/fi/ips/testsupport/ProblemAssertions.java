package fi.ips.testsupport;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The platform's problem+json answers. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    /** The answer is problem+json with this status, naming this rule. */
    public static ResultActions problem(ResultActions result, int status, String rule) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.rule").value(rule));
    }
}
