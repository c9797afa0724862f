package fi.ips.local;

/**
 * The platform's processes end with the launcher, even when it is killed without a chance to stop
 * them: each is started with {@code -Dips.parent-pid} and exits (running its shutdown hooks) when
 * that process is gone. The services do the same through service-support.
 */
final class ParentWatch {

    static final String PROPERTY = "ips.parent-pid";

    private ParentWatch() {
    }

    static void exitWithParent() {
        String pid = System.getProperty(PROPERTY);
        if (pid != null) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresentOrElse(
                    parent -> parent.onExit().thenRun(() -> System.exit(0)),
                    () -> System.exit(0));
        }
    }
}
