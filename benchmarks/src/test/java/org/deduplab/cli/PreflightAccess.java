package org.deduplab.cli;

import org.deduplab.store.Endpoint;

/** Lets tests in other packages run one preflight check against an endpoint they built. */
public final class PreflightAccess {
    private PreflightAccess() {}

    public static PreflightCommand.Checked check(Endpoint e) throws Exception {
        return PreflightCommand.check(e);
    }
}
