package fi.ips.testsupport;

/** The JSON of batch requests ({@code POST …/batch}) in the services' tests. */
public final class BatchItems {

    private BatchItems() {
    }

    /** One item; {@code id} is left out when null, {@code body} is JSON as it is. */
    public static String item(String operation, String id, String body) {
        return "{\"operation\":\"" + operation + "\"" + (id == null ? "" : ",\"id\":\"" + id + "\"") + ",\"body\":" + body + "}";
    }

    public static String batch(String... items) {
        return "{\"items\":[" + String.join(",", items) + "]}";
    }
}
