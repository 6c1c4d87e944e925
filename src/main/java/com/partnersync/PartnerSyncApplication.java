package com.partnersync;

import com.partnersync.app.Command;
import com.partnersync.sandbox.SandboxLauncher;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

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
        SpringApplication application = new SpringApplication(PartnerSyncApplication.class);
        application.setDefaultProperties(command.defaultProperties());
        if (command.name().equals("sandbox")) {
            application.addListeners(new SandboxLauncher());
        }
        ConfigurableApplicationContext context = application.run(args);
        if (!command.runsForever()) {
            System.exit(SpringApplication.exit(context));
        }
    }
}
