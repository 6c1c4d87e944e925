package com.partnersync.hubspot.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The connector's {@link HubSpotWebhookController} on a real loopback HTTP port, so the sandbox's webhook calls reach
 * it as HubSpot's would: each request is handed to the controller (MockMvc) with its headers and body as sent.
 */
final class WebhookEndpointOverHttp implements AutoCloseable {
    static final String PATH = "/webhooks/hubspot";
    private final HttpServer server;
    private volatile MockMvc mvc;

    /** Listens at once (the URL is known before the controller is built); answers 503 until {@link #serve}. */
    WebhookEndpointOverHttp() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(PATH, this::handle);
        server.start();
    }

    void serve(HubSpotWebhookController controller) {
        mvc = MockMvcBuilders.standaloneSetup(controller).build();
    }

    /** The URL the sandbox posts to, and so the one HubSpot would sign. */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (mvc == null) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(org.springframework.http.HttpMethod.valueOf(exchange.getRequestMethod()), PATH)
                    .content(exchange.getRequestBody().readAllBytes());
            for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
            MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
            exchange.sendResponseHeaders(response.getStatus(), -1);
        } catch (Exception e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
