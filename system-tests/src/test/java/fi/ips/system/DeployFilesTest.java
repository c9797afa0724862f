package fi.ips.system;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the deployment files under {@code deploy/} (Compose, Kubernetes, example environment
 * files) against the code they deploy, without running anything: every YAML file parses, every
 * {@code ips/<module>} image names a module of the build, every port of a service is the
 * {@code server.port} of its {@code application.yml} (health checks and metrics: its actuator's
 * {@code management.server.port}, where it has one), and every environment variable given to a
 * service is one of its Spring properties.
 * <p>
 * A unit test (surefire): it reads files only. It runs with {@code system-tests/} as working
 * directory, so the repository is {@code ..}.
 */
class DeployFilesTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path DEPLOY = REPOSITORY.resolve("deploy");
    private static final Path COMPOSE_FILE = DEPLOY.resolve("compose/docker-compose.yml");
    private static final Path PROMETHEUS_FILE = DEPLOY.resolve("compose/prometheus/prometheus.yml");
    private static final Path K8S = DEPLOY.resolve("k8s");

    /** An image built from this repository: ips/<module>:<version>. */
    private static final Pattern IPS_IMAGE = Pattern.compile("ips/([A-Za-z0-9._-]+)(?::.*)?");
    /** A placeholder in Java source, e.g. {@code @Value("${ips.kafka.topic-partitions:3}")}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9._\\-]+)(?::[^}]*)?}");
    /** Variables every Spring Boot service understands without naming them in its application.yml. */
    private static final List<String> STANDARD_PREFIXES = List.of("SPRING_", "SERVER_", "MANAGEMENT_", "LOGGING_");
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    private static Set<String> modules;
    /** module -> server.port, for the modules with an application.yml that sets one. */
    private static final Map<String, Integer> serverPorts = new LinkedHashMap<>();
    /** module -> the actuator's port: management.server.port where set (the gateway's), else server.port. */
    private static final Map<String, Integer> managementPorts = new LinkedHashMap<>();

    @BeforeAll
    static void readTheBuild() throws Exception {
        assertThat(DEPLOY).as("run with system-tests/ as working directory").isDirectory();
        modules = rootModules();
        for (String module : modules) {
            Path yml = applicationYml(module);
            if (Files.isRegularFile(yml)) {
                Map<String, Object> properties = flatten(loadAll(yml));
                Object port = properties.get("server.port");
                if (port != null) {
                    serverPorts.put(module, Integer.valueOf(port.toString()));
                    managementPorts.put(module, Integer.valueOf(properties.getOrDefault("management.server.port", port).toString()));
                }
            }
        }
        assertThat(serverPorts).containsKeys("referral-service", "placement-service", "outcomes-service",
                "import-service", "gateway");
    }

    // ------------------------------------------------------------------------------------ tests

    @Test
    void everyYamlFileUnderDeployParses() throws IOException {
        List<Path> files = yamlFiles(DEPLOY);
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                loadAll(file);
            } catch (RuntimeException e) {
                problems.add(relative(file) + ": " + e.getMessage());
            }
        }
        assertThat(files).as("YAML files under deploy/").hasSizeGreaterThan(5);
        assertThat(problems).as("YAML files that do not parse").isEmpty();
    }

    @Test
    void everyIpsImageNamesAModuleOfTheBuild() throws IOException {
        List<String> images = new ArrayList<>();
        for (Map<String, Object> service : composeServices().values()) {
            if (service.get("image") instanceof String image) {
                images.add(image);
            }
        }
        for (Map<String, Object> workload : k8sWorkloads()) {
            for (Map<String, Object> container : containers(workload)) {
                images.add(String.valueOf(container.get("image")));
            }
        }
        List<String> ipsImages = images.stream().filter(image -> image.startsWith("ips/")).toList();
        List<String> problems = new ArrayList<>();
        for (String image : ipsImages) {
            Matcher m = IPS_IMAGE.matcher(image);
            if (!m.matches() || !modules.contains(m.group(1))) {
                problems.add(image + " names no module of pom.xml's <modules> " + modules);
            }
        }
        assertThat(ipsImages).as("ips/ images in Compose and Kubernetes").hasSizeGreaterThanOrEqualTo(10);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyIpsImageIsOneTheImagesProfileBuilds() throws Exception {
        Document root = pom(REPOSITORY.resolve("pom.xml"));
        String version = null;
        for (Node child = root.getDocumentElement().getFirstChild(); child != null; child = child.getNextSibling()) {
            if ("version".equals(child.getNodeName())) {
                version = child.getTextContent().trim();
            }
        }
        assertThat(version).as("the root pom's own version").isNotBlank();
        String profileImage = textOf(root, "to");
        assertThat(profileImage).as("the image the images profile writes").contains("ips/${project.artifactId}:${project.version}");

        List<String> problems = new ArrayList<>();
        Set<String> images = new TreeSet<>();
        for (Map<String, Object> service : composeServices().values()) {
            images.add(String.valueOf(service.get("image")));
        }
        for (Map<String, Object> workload : k8sWorkloads()) {
            containers(workload).forEach(container -> images.add(String.valueOf(container.get("image"))));
        }
        for (String image : images) {
            Matcher m = IPS_IMAGE.matcher(image);
            if (!m.matches() || !modules.contains(m.group(1))) {
                continue;
            }
            if (!image.equals("ips/" + m.group(1) + ":" + version)) {
                problems.add(image + " is not the version the build makes (" + version + ")");
            }
            Document module = pom(REPOSITORY.resolve(m.group(1)).resolve("pom.xml"));
            if (!"false".equals(textOf(module, "jib.skip"))) {
                problems.add(m.group(1) + "/pom.xml does not set jib.skip to false, so -Pimages builds no " + image);
            }
        }
        assertThat(images.stream().filter(image -> image.startsWith("ips/"))).hasSizeGreaterThanOrEqualTo(5);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyPortOfAServiceIsOneItListensOn() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;

        // Compose: exposed and published container ports, the health check's port.
        for (Map.Entry<String, Map<String, Object>> entry : composeServices().entrySet()) {
            String module = ipsModule(entry.getValue().get("image"));
            if (module == null) {
                continue;
            }
            int port = managementPorts.get(module);
            String where = "compose service " + entry.getKey();
            for (Object exposed : list(entry.getValue().get("expose"))) {
                checked++;
                expectPortOf(problems, where + " expose", containerPort(exposed), module);
            }
            for (Object published : list(entry.getValue().get("ports"))) {
                checked++;
                expectPortOf(problems, where + " ports", containerPort(published), module);
            }
            String healthcheck = String.valueOf(map(entry.getValue().get("healthcheck")).get("test"));
            checked++;
            if (!healthcheck.contains("/dev/tcp/127.0.0.1/" + port + " ") || !healthcheck.contains("/actuator/health/readiness")) {
                problems.add(where + " healthcheck does not ask port " + port + " for /actuator/health/readiness: " + healthcheck);
            }
        }

        // Prometheus' service discovery of the Compose services.
        for (Object scrape : list(map(loadAll(PROMETHEUS_FILE).get(0)).get("scrape_configs"))) {
            for (Object discovery : list(map(scrape).get("dns_sd_configs"))) {
                for (Object name : list(map(discovery).get("names"))) {
                    if (serverPorts.containsKey(String.valueOf(name))) {
                        checked++;
                        expectPort(problems, "prometheus.yml dns_sd_configs " + name, map(discovery).get("port"),
                                managementPorts.get(String.valueOf(name)));
                    }
                }
            }
        }

        // Kubernetes: container ports and probes, and the Services in front of them.
        Map<String, String> moduleByAppLabel = new LinkedHashMap<>();
        for (Map<String, Object> workload : k8sWorkloads()) {
            for (Map<String, Object> container : containers(workload)) {
                String module = ipsModule(container.get("image"));
                if (module == null) {
                    continue;
                }
                int port = managementPorts.get(module);
                String where = "k8s " + name(workload) + " container " + container.get("name");
                Map<String, Integer> named = new LinkedHashMap<>();
                for (Object p : list(container.get("ports"))) {
                    checked++;
                    expectPortOf(problems, where + " containerPort", map(p).get("containerPort"), module);
                    named.put(String.valueOf(map(p).get("name")), Integer.valueOf(String.valueOf(map(p).get("containerPort"))));
                }
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    Map<String, Object> httpGet = map(map(container.get(probe)).get("httpGet"));
                    if (!httpGet.isEmpty()) {
                        checked++;
                        expectPort(problems, where + " " + probe, named.getOrDefault(String.valueOf(httpGet.get("port")),
                                parseOrNull(httpGet.get("port"))), port);
                        if (!String.valueOf(httpGet.get("path")).startsWith("/actuator/health/")) {
                            problems.add(where + " " + probe + " is not on an actuator health path: " + httpGet.get("path"));
                        }
                    }
                }
                Object app = map(map(map(map(workload.get("spec")).get("template")).get("metadata")).get("labels"))
                        .get("app.kubernetes.io/name");
                if (app != null) {
                    moduleByAppLabel.put(app.toString(), module);
                }
            }
        }
        for (Map<String, Object> service : k8sDocuments("Service")) {
            Object app = map(map(service.get("spec")).get("selector")).get("app.kubernetes.io/name");
            String module = app == null ? null : moduleByAppLabel.get(app.toString());
            if (module == null) {
                continue;
            }
            for (Object p : list(map(service.get("spec")).get("ports"))) {
                checked++;
                // Port = server.port, so that the same URL (http://referral-service:8081) works everywhere.
                expectPort(problems, "k8s Service " + name(service) + " port", map(p).get("port"), serverPorts.get(module));
                Object target = map(p).get("targetPort");
                if (target != null && !"http".equals(target)) {
                    expectPort(problems, "k8s Service " + name(service) + " targetPort", target, serverPorts.get(module));
                }
            }
        }

        // Anywhere: a URL or address naming a service by host name names its port.
        Pattern address = Pattern.compile("(?<![\\w.-])(" + String.join("|", serverPorts.keySet()) + "):(\\d{2,5})\\b");
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.(ya?ml|env)$")).toList()) {
                Matcher m = address.matcher(Files.readString(file));
                while (m.find()) {
                    checked++;
                    expectPortOf(problems, relative(file) + " " + m.group(), m.group(2), m.group(1));
                }
            }
        }

        assertThat(checked).as("ports checked").isGreaterThan(20);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyEnvironmentVariableOfAServiceIsOneOfItsSpringProperties() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;

        // Compose: the environment of each ips/ service (YAML merge keys already resolved).
        for (Map.Entry<String, Map<String, Object>> entry : composeServices().entrySet()) {
            String module = ipsModule(entry.getValue().get("image"));
            if (module != null) {
                for (String variable : environmentNames(entry.getValue().get("environment"))) {
                    checked++;
                    check(problems, "compose service " + entry.getKey(), module, variable);
                }
            }
        }

        // Kubernetes: variables set on containers, and the ConfigMaps and Secrets they take whole
        // (envFrom), wherever those are defined (the base or an overlay's patch).
        Map<String, String> moduleByConfigMap = new LinkedHashMap<>();
        Map<String, String> moduleBySecret = new LinkedHashMap<>();
        for (Map<String, Object> workload : k8sWorkloads()) {
            for (Map<String, Object> container : containers(workload)) {
                String module = ipsModule(container.get("image"));
                if (module == null) {
                    continue;
                }
                for (Object env : list(container.get("env"))) {
                    checked++;
                    check(problems, "k8s " + name(workload), module, String.valueOf(map(env).get("name")));
                }
                for (Object from : list(container.get("envFrom"))) {
                    Object configMap = map(map(from).get("configMapRef")).get("name");
                    Object secret = map(map(from).get("secretRef")).get("name");
                    if (configMap != null) {
                        moduleByConfigMap.put(configMap.toString(), module);
                    }
                    if (secret != null) {
                        moduleBySecret.put(secret.toString(), module);
                    }
                }
            }
        }
        for (Map<String, Object> configMap : k8sDocuments("ConfigMap")) {
            String module = moduleByConfigMap.get(name(configMap));
            if (module == null) {
                problems.add("k8s ConfigMap " + name(configMap) + " is given to no ips/ container (envFrom)");
                continue;
            }
            for (String variable : map(configMap.get("data")).keySet()) {
                checked++;
                check(problems, "k8s ConfigMap " + name(configMap), module, variable);
            }
        }
        for (Map<String, Object> secret : k8sDocuments("Secret")) {
            String module = moduleBySecret.get(name(secret));
            if (module == null) {
                problems.add("k8s Secret " + name(secret) + " is given to no ips/ container (envFrom)");
                continue;
            }
            Set<String> keys = new LinkedHashSet<>(map(secret.get("data")).keySet());
            keys.addAll(map(secret.get("stringData")).keySet());
            for (String variable : keys) {
                checked++;
                check(problems, "k8s Secret " + name(secret), module, variable);
            }
        }

        // The example environment files, one per service: deploy/env/<module>.env.
        try (Stream<Path> files = Files.list(DEPLOY.resolve("env"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".env")).toList()) {
                String module = file.getFileName().toString().replaceFirst("\\.env$", "");
                assertThat(modules).as(relative(file) + " names a module").contains(module);
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
                        checked++;
                        check(problems, relative(file), module, line.substring(0, line.indexOf('=')).trim());
                    }
                }
            }
        }

        assertThat(checked).as("variables checked").isGreaterThan(50);
        assertThat(problems).isEmpty();
    }

    /**
     * On Kubernetes the NetworkPolicies deny every connection to the platform's pods but those they
     * name. Each call a service makes to another (a URL in its ConfigMap) is let through by the
     * callee's policy on the callee's port, Prometheus reaches every service's actuator, and the
     * ingress controller the gateway.
     */
    @Test
    void everyConnectionThePlatformNeedsOnKubernetesIsLetThrough() throws IOException {
        List<Map<String, Object>> policies = k8sDocuments("NetworkPolicy");
        assertThat(Files.readString(K8S.resolve("base/kustomization.yaml"))).contains("network-policies.yaml");
        assertThat(policies).as("a policy for every pod that lets nothing through itself").anySatisfy(policy -> {
            assertThat(map(map(policy.get("spec")).get("podSelector"))).isEmpty();
            assertThat(list(map(policy.get("spec")).get("ingress"))).isEmpty();
        });
        List<String> problems = new ArrayList<>();
        int checked = 0;
        Pattern call = Pattern.compile("https?://(" + String.join("|", serverPorts.keySet()) + "):(\\d+)");
        for (Map<String, Object> config : k8sDocuments("ConfigMap")) {
            Object caller = map(map(config.get("metadata")).get("labels")).get(APP_LABEL);
            for (Object value : map(config.get("data")).values()) {
                Matcher url = call.matcher(String.valueOf(value));
                while (caller != null && url.find()) {
                    checked++;
                    if (!letThrough(policies, url.group(1), from -> caller.equals(appOf(from.get("podSelector"))) && from.get("namespaceSelector") == null,
                            Integer.parseInt(url.group(2)))) {
                        problems.add(caller + " calls " + url.group() + ", which no NetworkPolicy lets through");
                    }
                }
            }
        }
        Set<String> modules = new TreeSet<>();
        for (Map<String, Object> workload : k8sWorkloads()) {
            containers(workload).stream().map(container -> ipsModule(container.get("image"))).filter(Objects::nonNull).forEach(modules::add);
        }
        for (String module : modules) {
            checked++;
            if (!letThrough(policies, module, from -> "monitoring".equals(namespaceOf(from)), managementPorts.get(module))) {
                problems.add("Prometheus (namespace monitoring) cannot reach " + module + "'s actuator on port " + managementPorts.get(module));
            }
        }
        if (!letThrough(policies, "gateway", from -> "ingress-nginx".equals(namespaceOf(from)), serverPorts.get("gateway"))) {
            problems.add("the ingress controller (namespace ingress-nginx) cannot reach the gateway");
        }

        assertThat(modules).contains("referral-service", "placement-service", "outcomes-service", "import-service", "gateway");
        assertThat(checked).as("connections checked").isGreaterThan(10);
        assertThat(problems).isEmpty();
    }

    private static final String APP_LABEL = "app.kubernetes.io/name";

    /** Whether a policy of the pods labelled {@code app} lets a peer that {@code from} accepts connect to {@code port}. */
    private static boolean letThrough(List<Map<String, Object>> policies, String app, Predicate<Map<String, Object>> from, int port) {
        for (Map<String, Object> policy : policies) {
            if (!app.equals(appOf(map(policy.get("spec")).get("podSelector")))) {
                continue;
            }
            for (Object rule : list(map(policy.get("spec")).get("ingress"))) {
                List<Object> ports = list(map(rule).get("ports"));
                List<Object> peers = list(map(rule).get("from"));
                if ((ports.isEmpty() || ports.stream().anyMatch(p -> String.valueOf(port).equals(String.valueOf(map(p).get("port")))))
                        && (peers.isEmpty() || peers.stream().map(DeployFilesTest::map).anyMatch(from))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Object appOf(Object selector) {
        return map(map(selector).get("matchLabels")).get(APP_LABEL);
    }

    private static Object namespaceOf(Map<String, Object> peer) {
        return map(map(peer.get("namespaceSelector")).get("matchLabels")).get("kubernetes.io/metadata.name");
    }

    /**
     * A JVM out of memory may have lost a thread that matters (the event store's reader the relay
     * follows) and runs on otherwise: every service's JVM is told to end instead, to be restarted.
     */
    @Test
    void everyServicesJvmEndsWhenOutOfMemory() throws IOException {
        Pattern options = Pattern.compile("^\\s*JAVA_TOOL_OPTIONS\\s*[:=]\\s*(.*)$");
        List<String> settings = new ArrayList<>();
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> f.toString().matches(".*\\.(ya?ml|env)$")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    Matcher setting = options.matcher(line);
                    if (setting.matches()) {
                        settings.add(relative(file) + ": " + setting.group(1));
                    }
                }
            }
        }
        assertThat(settings).as("JAVA_TOOL_OPTIONS settings").hasSizeGreaterThan(20)
                .allSatisfy(setting -> assertThat(setting).contains("-XX:+ExitOnOutOfMemoryError"));
    }

    // --------------------------------------------------------------------- the variables' rules

    /** module -> the environment variables that set one of its properties (see knownVariables). */
    private static final Map<String, Set<String>> KNOWN_VARIABLES = new LinkedHashMap<>();

    private static void check(List<String> problems, String where, String module, String variable) throws IOException {
        if (JVM_VARIABLES.contains(variable) || STANDARD_PREFIXES.stream().anyMatch(variable::startsWith)) {
            return;
        }
        if (!knownVariables(module).contains(variable)) {
            problems.add(where + ": " + variable + " is no property of " + module
                    + " (not in its application.yml, nor a ${...} placeholder in its code)");
        }
    }

    /**
     * The environment variables that set a property of the module: for each key of its
     * application.yml and each {@code ${...}} placeholder in its main Java sources and those of
     * the repository's modules it depends on, the names Spring Boot's relaxed binding maps to it:
     * {@code ips.kafka.topic-partitions} is {@code IPS_KAFKA_TOPICPARTITIONS} (canonical: '.' as
     * '_', '-' removed, upper case) or {@code IPS_KAFKA_TOPIC_PARTITIONS} (the legacy form, '-' as
     * '_', which Spring Boot also accepts and deploy/README.md uses).
     */
    private static Set<String> knownVariables(String module) throws IOException {
        Set<String> known = KNOWN_VARIABLES.get(module);
        if (known != null) {
            return known;
        }
        Set<String> properties = new TreeSet<>(flatten(loadAll(applicationYml(module))).keySet());
        for (String source : modulesOnClassPath(module)) {
            Path java = REPOSITORY.resolve(source).resolve("src/main/java");
            if (!Files.isDirectory(java)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(java)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = PLACEHOLDER.matcher(Files.readString(file));
                    while (m.find()) {
                        properties.add(m.group(1));
                    }
                }
            }
        }
        known = new TreeSet<>();
        for (String property : properties) {
            String underscored = property.replace('.', '_').toUpperCase(Locale.ROOT);
            known.add(underscored.replace("-", ""));
            known.add(underscored.replace('-', '_'));
        }
        KNOWN_VARIABLES.put(module, known);
        return known;
    }

    /** The module itself and the repository's modules among its dependencies (its pom.xml). */
    private static Set<String> modulesOnClassPath(String module) throws IOException {
        Set<String> result = new LinkedHashSet<>(List.of(module));
        Path pom = REPOSITORY.resolve(module).resolve("pom.xml");
        Matcher m = Pattern.compile("<groupId>fi\\.ips</groupId>\\s*<artifactId>([^<]+)</artifactId>").matcher(Files.readString(pom));
        while (m.find()) {
            if (modules.contains(m.group(1))) {
                result.add(m.group(1));
            }
        }
        return result;
    }

    private static List<String> environmentNames(Object environment) {
        if (environment instanceof Map<?, ?> map) {
            return map.keySet().stream().map(String::valueOf).toList();
        }
        return list(environment).stream().map(String::valueOf).map(entry -> entry.split("=", 2)[0]).toList();
    }

    // --------------------------------------------------------------------------- reading files

    private static Document pom(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    /** The text of the first element named {@code tag}, or null. */
    private static String textOf(Document document, String tag) {
        NodeList nodes = document.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }

    private static Set<String> rootModules() throws Exception {
        Document pom = pom(REPOSITORY.resolve("pom.xml"));
        NodeList nodes = pom.getElementsByTagName("module");
        Set<String> result = new LinkedHashSet<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add(nodes.item(i).getTextContent().trim());
        }
        assertThat(result).as("modules of the root pom.xml").isNotEmpty();
        return result;
    }

    private static Path applicationYml(String module) {
        return REPOSITORY.resolve(module).resolve("src/main/resources/application.yml");
    }

    /** Every document of a YAML file (null documents, e.g. after a trailing "---", left out). */
    private static List<Object> loadAll(Path file) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Object> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : yaml.loadAll(reader)) {
                if (document != null) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return documents;
    }

    /** Dotted keys of every scalar (and of every list) in the documents: spring.kafka.bootstrap-servers. */
    private static Map<String, Object> flatten(List<Object> documents) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Object document : documents) {
            flatten("", document, result);
        }
        return result;
    }

    private static void flatten(String prefix, Object node, Map<String, Object> result) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value, result));
        } else if (!prefix.isEmpty()) {
            result.put(prefix, node);
        }
    }

    private static Map<String, Map<String, Object>> composeServices() {
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        map(map(loadAll(COMPOSE_FILE).get(0)).get("services")).forEach((name, service) -> result.put(name, map(service)));
        assertThat(result).as("services of " + relative(COMPOSE_FILE)).isNotEmpty();
        return result;
    }

    private static List<Path> yamlFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().toList();
        }
    }

    /** Every Kubernetes object of the given kind in the YAML files under deploy/k8s (base and overlays). */
    private static List<Map<String, Object>> k8sDocuments(String kind) throws IOException {
        List<Map<String, Object>> result = new ArrayList<>();
        for (Path file : yamlFiles(K8S)) {
            for (Object document : loadAll(file)) {
                if (document instanceof Map<?, ?> && kind.equals(map(document).get("kind"))) {
                    result.add(map(document));
                }
            }
        }
        return result;
    }

    /** The workloads in the base (overlays patch them, partly, and add no others). */
    private static List<Map<String, Object>> k8sWorkloads() throws IOException {
        List<Map<String, Object>> result = new ArrayList<>();
        for (String kind : List.of("Deployment", "StatefulSet", "Job")) {
            for (Map<String, Object> workload : k8sDocuments(kind)) {
                if (!containers(workload).isEmpty() && containers(workload).stream().allMatch(c -> c.get("image") != null)) {
                    result.add(workload);
                }
            }
        }
        assertThat(result).as("Kubernetes workloads under " + relative(K8S)).isNotEmpty();
        return result;
    }

    private static List<Map<String, Object>> containers(Map<String, Object> workload) {
        Object podSpec = map(map(map(workload.get("spec")).get("template")).get("spec"));
        return list(map(podSpec).get("containers")).stream().map(DeployFilesTest::map).toList();
    }

    // ------------------------------------------------------------------------------- small helpers

    private static String ipsModule(Object image) {
        Matcher m = IPS_IMAGE.matcher(String.valueOf(image));
        return m.matches() && serverPorts.containsKey(m.group(1)) ? m.group(1) : null;
    }

    /** "8081", "127.0.0.1:8083:8083", "8080:8080/tcp" or 8081: the container's side. */
    private static Object containerPort(Object spec) {
        if (spec instanceof Map<?, ?> longSyntax) {
            return longSyntax.get("target");
        }
        String text = String.valueOf(spec).replaceFirst("/(tcp|udp)$", "");
        return text.substring(text.lastIndexOf(':') + 1);
    }

    private static void expectPort(List<String> problems, String where, Object actual, int expected) {
        if (!Objects.equals(parseOrNull(actual), expected)) {
            problems.add(where + ": port " + actual + ", but the service's port is " + expected);
        }
    }

    /** A port of the module: its server.port or its management.server.port. */
    private static void expectPortOf(List<String> problems, String where, Object actual, String module) {
        Integer port = parseOrNull(actual);
        if (!Objects.equals(port, serverPorts.get(module)) && !Objects.equals(port, managementPorts.get(module))) {
            problems.add(where + ": port " + actual + ", but " + module + " listens on " + serverPorts.get(module)
                    + " (server.port) and " + managementPorts.get(module) + " (its actuator)");
        }
    }

    private static Integer parseOrNull(Object value) {
        try {
            return value == null ? null : Integer.valueOf(value.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> ? (Map<String, Object>) node : Map.of();
    }

    private static List<Object> list(Object node) {
        return node instanceof List<?> list ? new ArrayList<>(list) : List.of();
    }

    private static String name(Map<String, Object> object) {
        return String.valueOf(map(object.get("metadata")).get("name"));
    }

    private static String relative(Path file) {
        return REPOSITORY.relativize(file.toAbsolutePath().normalize()).toString();
    }
}
