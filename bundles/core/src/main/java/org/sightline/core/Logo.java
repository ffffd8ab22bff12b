package org.sightline.core;

/**
 * A customer's logo.
 *
 * @param contentType {@code image/png}, {@code image/jpeg} or {@code image/webp}, as checked from the bytes
 * @param bytes       the image
 * @param version     changes with every upload
 */
public record Logo(String contentType, byte[] bytes, int version) {
}
