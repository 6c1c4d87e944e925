package com.partnersync.salesforce.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnersync.salesforce.SalesforceApi;
import com.partnersync.sync.CrmApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which mapped objects the org sends change events for. Salesforce reports nothing for an object that is not selected
 * for Change Data Capture -- the subscription just never carries its events -- so the selection is read from the
 * Tooling API ({@code PlatformEventChannelMember}: one member per selected entity, DeveloperName
 * {@code <channel>_<entity>}, e.g. {@code ChangeEvents_AccountChangeEvent}) and every mapped object missing from the
 * subscribed channel gets one WARN line saying its changes arrive with the scheduled cycle. Reading it needs the View
 * Setup and Configuration permission; without it one WARN line says the selection is unknown.
 */
public class CdcEntitySelection {
    private static final Logger log = LoggerFactory.getLogger(CdcEntitySelection.class);
    static final String QUERY = "SELECT DeveloperName, SelectedEntity FROM PlatformEventChannelMember";

    /**
     * @param streaming     mapped objects whose changes the subscribed channel carries
     * @param notStreaming  mapped objects it does not (they are polled by the cycle only)
     * @param unknownBecause why the selection could not be read, or null
     */
    public record Selection(List<String> streaming, List<String> notStreaming, String unknownBecause) {
    }

    private final SalesforceApi api;

    public CdcEntitySelection(SalesforceApi api) {
        this.api = api;
    }

    /** The change event entity of an object: AccountChangeEvent; custom objects drop the c of __c (Foo__ChangeEvent). */
    static String changeEvent(String object) {
        return (object.endsWith("__c") ? object.substring(0, object.length() - 1) : object) + "ChangeEvent";
    }

    /**
     * The DeveloperName prefix of the channel's members: {@code /data/ChangeEvents} and single-entity channels
     * ({@code /data/AccountChangeEvent}) carry the standard selection ({@code ChangeEvents_}); a custom channel
     * {@code /data/Partner__chn} its own members ({@code Partner_chn_}).
     */
    static String memberPrefix(String channel) {
        String name = channel.substring(channel.lastIndexOf('/') + 1);
        return name.endsWith("__chn") ? name.replace("__chn", "_chn") + "_" : "ChangeEvents_";
    }

    public Selection check(String channel, List<String> objects) {
        Set<String> selected = new HashSet<>();
        try {
            JsonNode page = api.call("GET", "/tooling/query?q=" + URLEncoder.encode(QUERY, StandardCharsets.UTF_8), null);
            if (!page.path("records").isArray()) {
                throw new CrmApiException("Tooling API query answered without records", 200, page.toString());
            }
            String prefix = memberPrefix(channel);
            for (JsonNode member : page.path("records")) {
                if (member.path("DeveloperName").asText("").startsWith(prefix)) {
                    selected.add(member.path("SelectedEntity").asText());
                }
            }
        } catch (CrmApiException e) {
            String reason = e.getMessage();
            log.warn("salesforce change stream: could not read which objects the org selected for Change Data Capture "
                    + "(Tooling API PlatformEventChannelMember, which needs the View Setup and Configuration permission): "
                    + "{}. An object that is not selected sends no events; its changes arrive with the scheduled cycle",
                    reason);
            return new Selection(List.of(), List.of(), reason);
        }
        String single = channel.endsWith("ChangeEvent") ? channel.substring(channel.lastIndexOf('/') + 1) : null;
        List<String> streaming = new ArrayList<>();
        List<String> notStreaming = new ArrayList<>();
        for (String object : objects) {
            String entity = changeEvent(object);
            if (!selected.contains(entity)) {
                notStreaming.add(object);
                log.warn("salesforce {}: Change Data Capture is not enabled for {} in the org ({} is not a selected "
                        + "entity of {}); its changes arrive with the scheduled cycle. To stream it, select {} in Setup > "
                        + "Integrations > Change Data Capture", object, object, entity,
                        prefix(channel), object);
            } else if (single != null && !single.equals(entity)) {
                notStreaming.add(object);
                log.info("salesforce {}: not on the subscribed channel {}; its changes arrive with the scheduled cycle",
                        object, channel);
            } else {
                streaming.add(object);
            }
        }
        log.info("salesforce change stream: {} stream{}", streaming.isEmpty() ? "no mapped object" : streaming,
                notStreaming.isEmpty() ? "" : "; polled only: " + notStreaming);
        return new Selection(streaming, notStreaming, null);
    }

    private static String prefix(String channel) {
        String prefix = memberPrefix(channel);
        return prefix.equals("ChangeEvents_") ? "the ChangeEvents channel" : "channel " + channel;
    }
}
