package fi.ips.importcli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** The command line, with defaults from the environment and, for the local platform, its demo credentials. */
record Options(Path file, String region, boolean dryRun, String gateway, URI tokenUrl,
               String clientId, String clientSecret, boolean demoCredentials) {

    /** @return null when help was asked for */
    static Options parse(String[] args, Map<String, String> env) {
        Path file = null;
        String region = null;
        boolean dryRun = false;
        String gateway = env.getOrDefault("IPS_GATEWAY_URL", "http://localhost:8080");
        String tokenUrl = env.getOrDefault("IPS_TOKEN_URL", "http://localhost:9000/oauth2/token");
        String clientId = env.get("IPS_CLIENT_ID");
        String clientSecret = env.get("IPS_CLIENT_SECRET");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            boolean inline = arg.contains("=") && arg.startsWith("--");
            switch (name) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--dry-run" -> dryRun = true;
                case "--region", "--gateway", "--token-url", "--client-id", "--client-secret" -> {
                    String value;
                    if (inline) {
                        value = arg.substring(arg.indexOf('=') + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    switch (name) {
                        case "--region" -> region = value;
                        case "--gateway" -> gateway = value;
                        case "--token-url" -> tokenUrl = value;
                        case "--client-id" -> clientId = value;
                        default -> clientSecret = value;
                    }
                }
                default -> {
                    if (arg.startsWith("--") || file != null) {
                        throw new IllegalArgumentException("Unknown argument " + arg);
                    }
                    file = Path.of(arg);
                }
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("Which file? Give the file to import.");
        }
        if (region == null || !region.matches("\\d\\d")) {
            throw new IllegalArgumentException("--region XX is required: the county's two-digit code, e.g. 14");
        }
        boolean demo = clientId == null && clientSecret == null;
        if (demo) {
            clientId = "region-" + region;
            clientSecret = clientId + "-secret";
        } else if (clientId == null || clientSecret == null) {
            throw new IllegalArgumentException("Give both the client id and the client secret (or neither, for the local platform)");
        }
        return new Options(file, region, dryRun, gateway.replaceAll("/+$", ""), URI.create(tokenUrl), clientId, clientSecret, demo);
    }
}
