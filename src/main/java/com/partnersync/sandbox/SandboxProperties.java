package com.partnersync.sandbox;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code partner-sync.sandbox.*}, the {@code sandbox} command's generated CRM data: same seed and as-of, identical data.
 *
 * @param seed                 random seed; unset = {@link SandboxDataset#DEFAULT_SEED}
 * @param scale                multiplies the ~10,000 default records (planted scenario records stay); unset = 1
 * @param port                 port of the sandbox CRM server; 0 = a free port (the URL is logged)
 * @param asOf                 ISO instant the data is dated relative to; unset = today 00:00 UTC, so scenario dates are
 *                             current for the rules and a re-run the same day sees the same data
 * @param salesforceFaultEvery the simulated Salesforce answers every n-th data call with a 503 or
 *                             REQUEST_LIMIT_EXCEEDED, so the retries show; 0 = never (the command sets 7)
 * @param changeEvery          a sandbox user renames an Opportunity this often, so a long-running sandbox shows changes
 *                             streaming in; 0 = never ({@code sandbox --keep-running} sets 20s)
 * @param hubspotWebhookUrl    where the sandbox HubSpot POSTs its signed webhook calls when its records change (the
 *                             connector's {@code /webhooks/hubspot}); unset = no webhooks ({@code sandbox
 *                             --keep-running} sets the connector's own URL)
 */
@Validated
@ConfigurationProperties("partner-sync.sandbox")
public record SandboxProperties(Long seed,
                                @DecimalMin("0") @DecimalMax("1000") Double scale,
                                @DefaultValue("0") @Min(0) @Max(65535) int port,
                                Instant asOf,
                                @DefaultValue("0") @Min(0) @Max(1000) int salesforceFaultEvery,
                                @DefaultValue("0s") @DurationMin(seconds = 0) @DurationMax(days = 1) Duration changeEvery,
                                URI hubspotWebhookUrl) {
}
