package com.partnersync.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.validation.Validation;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The {@code sandbox} command's set-up, added to the SpringApplication before it runs: once the environment is
 * ready (config files, env vars, command line) and before any bean exists, it builds the dataset, starts the
 * {@link SandboxServer} and puts the apis' client properties first in the environment, so the CRM sources connect
 * to the sandbox. The server is a bean ({@code sandboxServer}) and stops when the context closes or fails to start.
 * Config: {@link SandboxProperties}.
 */
public final class SandboxLauncher implements ApplicationListener<ApplicationEvent> {
    private static final Logger log = LoggerFactory.getLogger(SandboxLauncher.class);
    static final String PROPERTY_SOURCE = "partner-sync-sandbox";

    private final Supplier<List<SandboxApi>> apis;
    private final Clock clock;
    private SandboxServer server;
    private ScheduledExecutorService activity;

    public SandboxLauncher() {
        this(SandboxServer::discoverApis, Clock.systemUTC());
    }

    SandboxLauncher(Supplier<List<SandboxApi>> apis, Clock clock) {
        this.apis = apis;
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            start(prepared.getEnvironment());
        } else if (event instanceof ApplicationPreparedEvent prepared && server != null) {
            ConfigurableListableBeanFactory beans = prepared.getApplicationContext().getBeanFactory();
            beans.registerSingleton("sandboxServer", server);
            // stopped with the beans, after Camel: the Salesforce component logs out of the sandbox org as it stops
            ((DefaultSingletonBeanRegistry) beans).registerDisposableBean("sandboxServer", this::stop);
        } else if (event instanceof ApplicationFailedEvent) {
            stop();
        }
    }

    private void start(ConfigurableEnvironment environment) {
        // bound here, before any bean exists, with the same bounds the context applies to every settings record
        SandboxProperties settings = Binder.get(environment).bindOrCreate("partner-sync.sandbox",
                Bindable.of(SandboxProperties.class), new ValidationBindHandler(
                        new SpringValidatorAdapter(Validation.buildDefaultValidatorFactory().getValidator())));
        SandboxDataset.Builder builder = SandboxDataset.builder().clock(clock)
                .asOf(settings.asOf() != null ? settings.asOf() : clock.instant().truncatedTo(ChronoUnit.DAYS));
        if (settings.seed() != null) {
            builder.seed(settings.seed());
        }
        if (settings.scale() != null) {
            builder.scale(settings.scale());
        }
        SandboxDataset dataset = builder.build();
        server = SandboxServer.start(dataset, apis.get().stream().map(api -> api.configured(settings)).toList(), settings.port());
        Map<String, Object> properties = Map.copyOf(server.clientProperties());
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
        log.info("Sandbox CRM at {} (seed {}, scale {}, as of {}) serving: {}", server.baseUrl(), dataset.seed(),
                settings.scale() != null ? settings.scale() : 1.0, dataset.asOf(),
                server.apis().isEmpty() ? "no CRM api on the classpath"
                        : server.apis().stream().map(a -> a.getClass().getSimpleName()).collect(Collectors.joining(", ")));
        Duration every = settings.changeEvery();
        if (!every.isZero() && dataset.objects(Crm.SALESFORCE).contains("Opportunity")) {
            startActivity(dataset, every);
        }
    }

    /**
     * A user at work in the sandbox CRMs: every {@code change-every} one Salesforce Opportunity or (taking turns) one
     * HubSpot deal is renamed, so a long-running sandbox shows changes streaming in between cycles (Change Data
     * Capture, webhooks).
     */
    private void startActivity(SandboxDataset dataset, Duration every) {
        SplittableRandom random = new SplittableRandom(dataset.seed());
        Renamed opportunity = new Renamed(Crm.SALESFORCE, "Opportunity", "Name");
        List<Renamed> objects = dataset.objects(Crm.HUBSPOT).contains("deals")
                ? List.of(opportunity, new Renamed(Crm.HUBSPOT, "deals", "dealname")) : List.of(opportunity);
        AtomicLong turn = new AtomicLong();
        activity = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "sandbox-activity");
            thread.setDaemon(true);
            return thread;
        });
        activity.scheduleWithFixedDelay(() -> {
            Renamed object = objects.get((int) (turn.getAndIncrement() % objects.size()));
            Crm crm = object.crm();
            long live = dataset.count(crm, object.name(), false);
            List<SandboxRecord> page = dataset.pageAfter(crm, object.name(), null, null, null,
                    1 + random.nextInt((int) Math.min(live, 1_000)), false);
            SandboxRecord record = page.get(page.size() - 1);
            String name = String.valueOf(record.fields().get(object.field())).replaceAll(" \\(edited .*\\)$", "");
            String edited = name + " (edited " + clock.instant().truncatedTo(ChronoUnit.SECONDS) + ")";
            dataset.update(crm, object.name(), record.id(), Map.of(object.field(), edited));
            log.info("sandbox: {} {} {} renamed to '{}'", crm == Crm.SALESFORCE ? "Salesforce" : "HubSpot", object.name(),
                    record.id(), edited);
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What the sandbox user renames: an object and its name field. */
    private record Renamed(Crm crm, String name, String field) {
    }

    private void stop() {
        if (activity != null) {
            activity.shutdownNow();
            activity = null;
        }
        if (server != null) {
            server.close();
            log.info("Sandbox CRM stopped");
            server = null;
        }
    }
}
