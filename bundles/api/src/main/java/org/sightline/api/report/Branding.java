package org.sightline.api.report;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Who a report is from and for, and when: drawn on its cover and in its page headers and footers. The core
 * fills it from its tenancy data.
 *
 * @param partnerName  the partner's name (the report's author)
 * @param partnerLogo  the partner's logo, or {@code null}
 * @param customerName the customer's name
 * @param customerLogo the customer's logo, or {@code null}
 * @param range        the period the report covers, as shown (such as "1 Nov 2026 – 30 Nov 2026"), or
 *                     {@code null} when the report has none
 * @param generatedAt  when the report was made
 * @param zone         the time zone dates and times are shown in
 * @since 1.0
 */
public record Branding(String partnerName, Image partnerLogo, String customerName, Image customerLogo, String range,
                       Instant generatedAt, ZoneId zone) {
    public Branding {
        Objects.requireNonNull(partnerName, "partnerName");
        Objects.requireNonNull(customerName, "customerName");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(zone, "zone");
    }

    /**
     * An image as stored.
     *
     * @param contentType {@code image/png}, {@code image/jpeg} or {@code image/webp}; a renderer that cannot draw
     *                    the type leaves the image out and shows the name alone
     * @param bytes       the image
     */
    public record Image(String contentType, byte[] bytes) {
        public Image {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(bytes, "bytes");
        }
    }
}
