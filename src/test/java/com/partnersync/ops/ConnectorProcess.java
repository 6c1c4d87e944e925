package com.partnersync.ops;

import com.partnersync.PartnerSyncApplication;
import com.partnersync.sandbox.SandboxServer;
import com.partnersync.testsupport.TestDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real connector process ({@code java -cp <test class path> PartnerSyncApplication <command>}) on the test database
 * against the sandbox CRMs, its output in {@code log}: what an operator starts, so signals reach a real JVM.
 */
record ConnectorProcess(Process process, Path log) {
    /** The command's arguments: the test database, the sandbox's client settings, then {@code settings}. */
    static List<String> arguments(SandboxServer sandbox, List<String> command, String... settings) {
        List<String> args = new ArrayList<>(command);
        args.add("--spring.datasource.url=" + TestDatabase.jdbcUrl());
        sandbox.clientProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
        args.addAll(List.of(settings));
        return args;
    }

    static ConnectorProcess start(Path log, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PartnerSyncApplication.class.getName()));
        command.addAll(arguments);
        return new ConnectorProcess(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start(),
                log);
    }

    String output() throws IOException {
        return Files.readString(log);
    }
}
