package org.deduplab.cli;

import java.util.Map;
import org.deduplab.store.Endpoint;
import org.deduplab.store.ServerMode;

/** Lets tests in other packages run one preflight check against an endpoint they built. */
public final class PreflightAccess {
    private PreflightAccess() {}

    public static PreflightCommand.Checked check(Endpoint e) throws Exception {
        return PreflightCommand.check(e);
    }

    /** preflight's sentence for a failure of {@code system}, at an external endpoint of user {@code lab}. */
    public static String explain(String system, Throwable failure) {
        return PreflightCommand.explain(endpoint(system), failure);
    }

    /** An external endpoint of {@code system} for user {@code lab}. */
    public static Endpoint endpoint(String system) {
        return new Endpoint(system, ServerMode.EXTERNAL, "x://h:1", "lab", "secret", null, Map.of());
    }
}
