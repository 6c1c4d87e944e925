package com.partnersync.testsupport;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Gives every WireMock answer the {@code Date} header real CRM servers send (RFC 9110 §6.6.1: the server's clock, whole
 * seconds), read from {@code clock} when the answer is made. WireMock sends none by itself, and the connector takes the
 * CRM's clock from it.
 */
public final class HttpDateHeader implements ResponseTransformerV2 {
    private final Clock clock;

    public HttpDateHeader(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Response transform(Response response, ServeEvent event) {
        return Response.Builder.like(response).but().headers(response.getHeaders().plus(new HttpHeader("Date",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atZone(ZoneOffset.UTC))))).build();
    }

    @Override
    public String getName() {
        return "http-date-header";
    }
}
