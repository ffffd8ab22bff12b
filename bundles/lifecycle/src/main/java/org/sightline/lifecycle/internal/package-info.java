/**
 * Product modules' check, install and update with rollback: the implementation of the core's
 * {@link org.sightline.core.ProductLifecycle}, on the core's exported services and the framework. Not exported.
 */
package org.sightline.lifecycle.internal;
