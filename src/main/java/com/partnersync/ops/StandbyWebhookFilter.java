package com.partnersync.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;

/**
 * Webhook calls ({@code /webhooks/*}) are applied by the active instance only. A standby answers
 * {@code 503 Service Unavailable} with {@code Retry-After} before reading the call: HubSpot retries a call answered
 * with a 5xx (up to 10 times, with a growing delay), and the active instance's scheduled search reads the same
 * change anyway, because webhooks never move the polling checkpoints. So a call reaching a standby costs latency,
 * never a change, and no standby writes a row or calls a CRM. Standbys stay Ready on purpose (a rolling update needs
 * a Ready new pod before it stops the old, active one).
 */
public class StandbyWebhookFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(StandbyWebhookFilter.class);
    public static final String PATHS = "/webhooks/*";

    private final Leadership leadership;
    private final Duration retryAfter;

    public StandbyWebhookFilter(Leadership leadership, Duration retryAfter) {
        this.leadership = leadership;
        this.retryAfter = retryAfter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (leadership.isLeader()) {
            chain.doFilter(request, response);
            return;
        }
        log.info("{} {}: standing by, answering 503 so the caller retries ({} is active)", request.getMethod(),
                request.getRequestURI(), leadership.holder());
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("standby instance: the active partner-sync instance applies webhook calls\n");
    }
}
