package com.partnersync.sync;

/**
 * The run was asked to stop (SIGTERM, or this instance stopped being the active one). Thrown before a page would be
 * committed, so every committed page keeps its checkpoint and the next run carries on from there.
 */
public class RunInterruptedException extends RuntimeException {
    public static final String MESSAGE = "stopped on request after the last committed page";

    public RunInterruptedException() {
        super(MESSAGE);
    }
}
