package io.ironcage.analytics;

import io.ironcage.analytics.pricing.Budget;
import io.ironcage.analytics.pricing.PricingCatalog;
import java.util.Objects;
import java.util.Optional;

/**
 * How to build an {@link EventStore}. Immutable; made with {@link #builder()}, whose setters each
 * validate their argument as it is set.
 */
public final class StoreConfig {
    /** Most events a buffer can be configured to hold. */
    public static final int MAX_CAPACITY = 1 << 26;

    private final String name;
    private final int capacity;
    private final PricingCatalog pricing;
    private final int maxModels;
    private final int maxAgents;
    private final int maxProviders;
    private final int streamCapacity;
    private final boolean jmx;
    private final System.Logger.Level eventLogLevel;
    private final Budget budget;

    private StoreConfig(Builder b) {
        this.name = b.name;
        this.capacity = b.capacity;
        this.pricing = b.pricing;
        this.maxModels = b.maxModels;
        this.maxAgents = b.maxAgents;
        this.maxProviders = b.maxProviders;
        this.streamCapacity = b.streamCapacity;
        this.jmx = b.jmx;
        this.eventLogLevel = b.eventLogLevel;
        this.budget = b.budget;
    }

    /**
     * A builder holding the defaults: name {@code "default"}, capacity 10,000, embedded pricing,
     * 1,000 models / agents / providers, no stream, JMX on, per-event logging off, no budget.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The defaults.
     *
     * @return {@code builder().build()}
     */
    public static StoreConfig defaults() {
        return builder().build();
    }

    /**
     * Returns the store's name, its key in JMX object names.
     *
     * @return the store's name, its key in JMX object names
     */
    public String name() {
        return name;
    }

    /**
     * Returns events the buffer holds at most.
     *
     * @return events the buffer holds at most
     */
    public int capacity() {
        return capacity;
    }

    /**
     * Returns the price table, or empty for the embedded one.
     *
     * @return the price table, or empty for the embedded one
     */
    public Optional<PricingCatalog> pricing() {
        return Optional.ofNullable(pricing);
    }

    /**
     * Returns distinct models tracked before the rest aggregate under an overflow key.
     *
     * @return distinct models tracked before the rest aggregate under an overflow key
     */
    public int maxModels() {
        return maxModels;
    }

    /**
     * Returns distinct agents tracked before the rest aggregate under an overflow key.
     *
     * @return distinct agents tracked before the rest aggregate under an overflow key
     */
    public int maxAgents() {
        return maxAgents;
    }

    /**
     * Returns distinct providers tracked before the rest aggregate under an overflow key.
     *
     * @return distinct providers tracked before the rest aggregate under an overflow key
     */
    public int maxProviders() {
        return maxProviders;
    }

    /**
     * Returns the streaming channel's capacity; 0 means no stream.
     *
     * @return the streaming channel's capacity; 0 means no stream
     */
    public int streamCapacity() {
        return streamCapacity;
    }

    /**
     * Returns whether the store registers its MXBeans in the platform MBean server.
     *
     * @return whether the store registers its MXBeans in the platform MBean server
     */
    public boolean jmx() {
        return jmx;
    }

    /**
     * Returns the level of the one-line-per-event log, or empty when it is off.
     *
     * @return the level of the one-line-per-event log, or empty when it is off
     */
    public Optional<System.Logger.Level> eventLogLevel() {
        return Optional.ofNullable(eventLogLevel);
    }

    /**
     * Returns the budget the store tracks spend against, or empty.
     *
     * @return the budget the store tracks spend against, or empty
     */
    public Optional<Budget> budget() {
        return Optional.ofNullable(budget);
    }

    /**
     * A builder initialised with this configuration.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.capacity = capacity;
        b.pricing = pricing;
        b.maxModels = maxModels;
        b.maxAgents = maxAgents;
        b.maxProviders = maxProviders;
        b.streamCapacity = streamCapacity;
        b.jmx = jmx;
        b.eventLogLevel = eventLogLevel;
        b.budget = budget;
        return b;
    }

    @Override
    public String toString() {
        return "StoreConfig[name=" + name + ", capacity=" + capacity + ", pricing="
                + (pricing == null ? "embedded" : pricing.revision()) + ", maxModels=" + maxModels
                + ", maxAgents=" + maxAgents + ", maxProviders=" + maxProviders + ", streamCapacity="
                + streamCapacity + ", jmx=" + jmx + ", eventLogLevel=" + eventLogLevel + ", budget=" + budget + "]";
    }

    /** Builds a {@link StoreConfig}; each setter validates its argument and names it in errors. */
    public static final class Builder {
        private String name = "default";
        private int capacity = 10_000;
        private PricingCatalog pricing;
        private int maxModels = 1_000;
        private int maxAgents = 1_000;
        private int maxProviders = 1_000;
        private int streamCapacity;
        private boolean jmx = true;
        private System.Logger.Level eventLogLevel;
        private Budget budget;

        private Builder() {}

        /**
         * Sets the name.
         *
         * @param name the store's name: 1 to 128 characters, no control characters; if another
         *             store already has it in JMX, a suffix makes it unique there
         * @return this builder
         */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || name.length() > 128 || name.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException(
                        "name must be 1 to 128 printable characters, not blank, but was \"" + name + "\"");
            }
            this.name = name;
            return this;
        }

        /**
         * Sets the capacity.
         *
         * @param capacity events the buffer holds; 1 to {@link #MAX_CAPACITY}
         * @return this builder
         */
        public Builder capacity(int capacity) {
            this.capacity = Checks.inRange("capacity", capacity, 1, MAX_CAPACITY);
            return this;
        }

        /**
         * Sets the pricing.
         *
         * @param pricing the price table to cost events with
         * @return this builder
         */
        public Builder pricing(PricingCatalog pricing) {
            this.pricing = Objects.requireNonNull(pricing, "pricing");
            return this;
        }

        /**
         * Sets the max models.
         *
         * @param max distinct models tracked; positive
         * @return this builder
         */
        public Builder maxModels(int max) {
            this.maxModels = Checks.inRange("maxModels", max, 1, Integer.MAX_VALUE);
            return this;
        }

        /**
         * Sets the max agents.
         *
         * @param max distinct agents tracked; positive
         * @return this builder
         */
        public Builder maxAgents(int max) {
            this.maxAgents = Checks.inRange("maxAgents", max, 1, Integer.MAX_VALUE);
            return this;
        }

        /**
         * Sets the max providers.
         *
         * @param max distinct providers tracked; positive
         * @return this builder
         */
        public Builder maxProviders(int max) {
            this.maxProviders = Checks.inRange("maxProviders", max, 1, Integer.MAX_VALUE);
            return this;
        }

        /**
         * Sets the stream capacity.
         *
         * @param capacity the streaming channel's capacity; 0 (the default) means no stream
         * @return this builder
         */
        public Builder streamCapacity(int capacity) {
            this.streamCapacity = Checks.inRange("streamCapacity", capacity, 0, MAX_CAPACITY);
            return this;
        }

        /**
         * Sets the jmx.
         *
         * @param enabled whether to register the store's MXBeans
         * @return this builder
         */
        public Builder jmx(boolean enabled) {
            this.jmx = enabled;
            return this;
        }

        /**
         * Turns on one {@link System.Logger} line per recorded event, in the original router's
         * shape ({@code LLM request completed model=... input_tokens=... output_tokens=...
         * cost_usd=...}). Off by default.
         *
         * @param level the level to log at; null or {@link System.Logger.Level#OFF} turns it off
         * @return this builder
         */
        public Builder eventLogLevel(System.Logger.Level level) {
            this.eventLogLevel = level == System.Logger.Level.OFF ? null : level;
            return this;
        }

        /**
         * Sets the budget.
         *
         * @param budget a budget to track every recorded completion against; null for none
         * @return this builder
         */
        public Builder budget(Budget budget) {
            this.budget = budget;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         */
        public StoreConfig build() {
            return new StoreConfig(this);
        }
    }
}
