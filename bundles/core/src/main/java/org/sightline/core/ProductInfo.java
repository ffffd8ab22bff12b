package org.sightline.core;

/**
 * A deployed product.
 *
 * @param id            product id
 * @param displayName   name shown to users
 * @param family        product family
 * @param iconSvg       SVG icon, or {@code null}
 * @param order         navigation order
 * @param bundle        symbolic name of the bundle that registered it
 * @param bundleVersion that bundle's version
 */
public record ProductInfo(String id, String displayName, String family, String iconSvg, int order, String bundle,
                          String bundleVersion) {
}
