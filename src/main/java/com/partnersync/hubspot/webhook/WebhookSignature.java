package com.partnersync.hubspot.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * HubSpot's v3 request signature: {@code X-HubSpot-Signature-v3} is the base64 HMAC-SHA256, keyed with the app's
 * client secret, of {@code method + URI + body + X-HubSpot-Request-Timestamp} (UTF-8). A request whose timestamp
 * (epoch milliseconds) is more than {@code maxAge} old is refused however it is signed, so a captured call cannot be
 * replayed later.
 */
public final class WebhookSignature {
    public enum Verdict { VALID, MISSING, STALE, MISMATCH }

    private final byte[] secret;
    private final Duration maxAge;

    public WebhookSignature(String clientSecret, Duration maxAge) {
        this.secret = clientSecret.getBytes(StandardCharsets.UTF_8);
        this.maxAge = maxAge;
    }

    public Verdict verify(String method, String uri, String body, String timestamp, String signature, Instant now) {
        if (timestamp == null || signature == null || timestamp.isBlank() || signature.isBlank()) {
            return Verdict.MISSING;
        }
        long millis;
        try {
            millis = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Verdict.MISMATCH;
        }
        Instant sent = Instant.ofEpochMilli(millis);
        if (sent.isBefore(now.minus(maxAge)) || sent.isAfter(now.plus(maxAge))) {
            return Verdict.STALE;
        }
        byte[] expected = sign(method, uri, body, timestamp.trim()).getBytes(StandardCharsets.UTF_8);
        // constant-time comparison, as HubSpot recommends: a timing difference would leak the signature byte by byte
        return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.UTF_8))
                ? Verdict.VALID : Verdict.MISMATCH;
    }

    String sign(String method, String uri, String body, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] hash = mac.doFinal((method + uri + body + timestamp).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
