package org.sightline.core;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.Viewer;

/**
 * The logo of the caller's partner, drawn on the cover of its reports beside the partner's name. Partner
 * admins upload and remove it (audited as {@code partner.logo}); everyone of the partner may read it.
 *
 * @since 4.2
 */
@ProviderType
public interface PartnerLogos {
    /** Largest logo accepted, in bytes (as a customer's logo). */
    int MAX_BYTES = 256 * 1024;

    /**
     * Replaces the partner's logo.
     *
     * @return the image type checked from the bytes ({@code image/png}, {@code image/jpeg} or {@code image/webp})
     * @throws ForbiddenException        without {@link Roles#PARTNER_ADMIN}
     * @throws InvalidParameterException {@code logo} when empty, larger than {@link #MAX_BYTES} or not such an image
     */
    String setLogo(Viewer viewer, byte[] image);

    /**
     * Removes the partner's logo (nothing happens when there is none).
     *
     * @throws ForbiddenException without {@link Roles#PARTNER_ADMIN}
     */
    void removeLogo(Viewer viewer);

    /**
     * The partner's logo.
     *
     * @throws ForbiddenException without {@code customer.read}
     * @throws NotFoundException  when the partner has none
     */
    Logo logo(Viewer viewer);
}
