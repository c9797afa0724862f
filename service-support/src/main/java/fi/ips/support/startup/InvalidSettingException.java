package fi.ips.support.startup;

/**
 * A setting the service cannot start with. Its start-up failure is reported as the setting's
 * problem alone ({@link StartupFailureAnalyzer}), not under the beans that needed it.
 */
public class InvalidSettingException extends IllegalStateException {

    private final String variable;

    /**
     * @param variable the environment variable that sets it, e.g. {@code IPS_STREAMS_PSEUDONYM_KEY}
     * @param problem  what is wrong with it and what it takes, following the name ("is not set: …")
     */
    public InvalidSettingException(String variable, String problem) {
        super(variable + " " + problem);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
