/**
 * Prices and budgets: {@link io.ironcage.analytics.pricing.PricingCatalog} maps model names to
 * {@link io.ironcage.analytics.pricing.ModelPrice}s that compute exact integer costs.
 */
package io.ironcage.analytics.pricing;
