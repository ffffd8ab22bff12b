package org.sightline.core;

/**
 * A product as the product catalogue remembers it: what it said about itself when it was last deployed.
 *
 * @param id          product id
 * @param displayName name shown to users
 * @param family      product family
 * @param iconSvg     SVG icon, or {@code null}
 * @param deployed    whether a bundle provides the product now
 */
public record KnownProduct(String id, String displayName, String family, String iconSvg, boolean deployed) {
}
