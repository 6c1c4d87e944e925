package com.partnersync.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.partnersync.sync.CrmApiException;
import com.partnersync.hubspot.HubSpotApi;
import com.partnersync.salesforce.SalesforceApi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A thin java.net.http JSON client standing in for the real CRM sessions in tests: no auth, no retries, non-2xx
 * answers become {@link CrmApiException} like the real clients' give-up path.
 */
public final class HttpJsonApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    private HttpJsonApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static SalesforceApi salesforce(String baseUrl) {
        HttpJsonApi api = new HttpJsonApi(baseUrl + "/services/data/v62.0");
        return api::call;
    }

    public static HubSpotApi hubspot(String baseUrl) {
        HttpJsonApi api = new HttpJsonApi(baseUrl);
        return api::call;
    }

    JsonNode call(String method, String path, Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new CrmApiException(method + " " + path + " answered " + response.statusCode(), response.statusCode(), response.body());
            }
            return response.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON from " + path, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
