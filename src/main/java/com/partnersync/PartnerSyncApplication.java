package com.partnersync;

import com.partnersync.app.Command;
import com.partnersync.sandbox.SandboxLauncher;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.HashMap;
import java.util.Map;

@SpringBootApplication
public class PartnerSyncApplication {
    public static void main(String[] args) {
        Command command;
        try {
            command = Command.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        SpringApplication application = application(command);
        if (command.name().equals("sandbox")) {
            // the demo shows retries working: the simulated org answers every 7th data call with a 503 or
            // REQUEST_LIMIT_EXCEEDED (tests start the application without this, so their runs stay fault-free)
            Map<String, Object> defaults = new HashMap<>(command.defaultProperties());
            defaults.put("partner-sync.sandbox.salesforce-fault-every", 7);
            application.setDefaultProperties(defaults);
        }
        ConfigurableApplicationContext context = application.run(args);
        if (!command.runsForever()) {
            System.exit(SpringApplication.exit(context));
        }
    }

    /** The application set up for a command (also how tests start it): its defaults, and the sandbox for `sandbox`. */
    public static SpringApplication application(Command command) {
        SpringApplication application = new SpringApplication(PartnerSyncApplication.class);
        // long-running mode serves health and metrics (management port); one-shot commands start no server
        application.setWebApplicationType(command.runsForever() ? WebApplicationType.SERVLET : WebApplicationType.NONE);
        application.setDefaultProperties(command.defaultProperties());
        if (command.name().equals("sandbox")) {
            application.addListeners(new SandboxLauncher());
        }
        return application;
    }
}
