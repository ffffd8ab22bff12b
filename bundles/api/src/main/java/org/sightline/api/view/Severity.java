package org.sightline.api.view;

/** How a status is coloured. */
public enum Severity { OK, INFO, WARNING, CRITICAL, UNKNOWN }
