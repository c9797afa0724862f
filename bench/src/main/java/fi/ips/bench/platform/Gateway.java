package fi.ips.bench.platform;

/**
 * What every scenario drives the platform through: the gateway's URL, the HTTP client, the demo
 * clients' tokens, and the run's id.
 *
 * @param runId keeps the client ids of one run apart from any earlier run's on the same platform
 */
public record Gateway(Http http, Tokens tokens, String url, String runId) {

    /** The same gateway for a scenario of its own within the run, its client ids apart from the others'. */
    public Gateway forRun(String suffix) {
        return new Gateway(http, tokens, url, runId + suffix);
    }
}
