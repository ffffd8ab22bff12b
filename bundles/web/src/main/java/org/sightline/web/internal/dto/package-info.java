/**
 * The JSON bodies of {@code /api/v1}: request bodies bound by Jackson (unknown fields and wrong types are
 * refused with a 400 naming the field, see {@code org.sightline.web.internal.JsonBodies}) and responses.
 * Their field names are the API's: the itests, the web page and {@code api/openapi.json} rely on them.
 */
package org.sightline.web.internal.dto;
