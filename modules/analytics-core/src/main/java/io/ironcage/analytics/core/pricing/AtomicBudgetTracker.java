package io.ironcage.analytics.core.pricing;

import io.ironcage.analytics.pricing.Budget;
import io.ironcage.analytics.pricing.BudgetStatus;
import io.ironcage.analytics.pricing.BudgetTracker;
import io.ironcage.analytics.pricing.Reservation;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A lock-free {@link BudgetTracker} (the original crate's {@code CostController}).
 *
 * <p>State: {@code committed} (spend plus open reservations), the only counter that admission
 * decisions read and CAS, so reservations by racing threads can never together pass the limit;
 * {@code spent}, which thresholds are measured on; and {@code state}, one immutable object holding
 * the limit, its threshold amounts and the index of the first threshold not yet reported, swapped
 * as one by compare-and-set.
 *
 * <p>Saturation: on the recording path ({@link #spendSaturating}) both counters stop at
 * {@link Long#MAX_VALUE}, so when open reservations push {@code committed} there, part of a spend
 * is not represented in it. Lowering {@code committed} (a release, a commit below the reserved
 * amount) is therefore a CAS loop that never takes it below {@code spent} (it takes the max), and
 * admission decisions read {@code max(committed, spent)}: whatever was spent is never forgotten,
 * and the budget never admits spending past its limit because of a saturated spend.
 *
 * <p>Thresholds: after a spend, the spending thread compares its own new total with the next
 * threshold of the state it read and, if reached, replaces that exact state object with one whose
 * index is one higher; only the thread whose CAS succeeds reports that threshold, so each is
 * reported exactly once per arming even when several threads cross it together. Because limit and
 * index live in the same object, a reporter holding limits that {@link #setLimit} has since
 * replaced fails its CAS and re-reads: it can neither report an old threshold a second time after
 * a re-arm nor advance the index of the new limits with an old amount. The thread holding the
 * highest total always sees every threshold below it reported, by itself or by another.
 */
public final class AtomicBudgetTracker implements BudgetTracker {

    private static final System.Logger LOG = System.getLogger(AtomicBudgetTracker.class.getName());

    private final int[] percents;
    private final ThresholdListener listener;
    // The limit, its threshold amounts and the next threshold index, replaced as one object by
    // CAS (volatile semantics: a reader of the reference sees the fully built State).
    private final AtomicReference<State> state;
    private final AtomicLong spent = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();

    /**
     * A tracker with nothing spent.
     *
     * @param budget   the limit and thresholds
     * @param listener told of each threshold crossing; null to report crossings nowhere
     */
    public AtomicBudgetTracker(Budget budget, ThresholdListener listener) {
        Objects.requireNonNull(budget, "budget");
        this.percents = budget.thresholds();
        this.listener = listener;
        this.state = new AtomicReference<>(new State(budget.limitMicros(), amounts(budget.limitMicros(), percents), 0));
    }

    /**
     * The limit, the spend at which each threshold is reached (ceil(limit * percent / 100)) and
     * the index of the first threshold not reported yet. Immutable; {@code reachedAt} is shared
     * between the states of one limit and never written after construction.
     */
    private record State(long limit, long[] reachedAt, int next) {
        /** How many thresholds a spend has reached. */
        int level(long spent) {
            int n = 0;
            while (n < reachedAt.length && spent >= reachedAt[n]) {
                n++;
            }
            return n;
        }
    }

    private static long[] amounts(long limit, int[] percents) {
        long[] at = new long[percents.length];
        for (int i = 0; i < percents.length; i++) {
            // limit / 100 * p <= limit, and the remainder term is at most 99 * 100: no overflow.
            at[i] = limit / 100 * percents[i] + Math.ceilDiv(limit % 100 * percents[i], 100);
        }
        return at;
    }

    @Override
    public boolean canSpend(long costMicros) {
        nonNegative("costMicros", costMicros);
        return floor() <= state.get().limit() - costMicros;
    }

    @Override
    public void addSpend(long costMicros) {
        nonNegative("costMicros", costMicros);
        // committed >= spent always, so once committed has taken the cost, spent cannot overflow.
        add(committed, costMicros);
        reportCrossings(add(spent, costMicros));
    }

    /**
     * Adds a spend on the store's recording path: like {@link #addSpend} but never throws; a total
     * that would pass {@link Long#MAX_VALUE} stays there (saturates). The store calls it after the
     * event is counted, when nothing may fail any more.
     *
     * @param costMicros the cost, {@code >= 0} (the store has validated it)
     */
    public void spendSaturating(long costMicros) {
        if (costMicros <= 0) {
            return;
        }
        // Both stop at Long.MAX_VALUE; committed may then hold less than spend plus reservations,
        // which is why lowering it never goes below spent (see lower()).
        addSaturating(committed, costMicros);
        reportCrossings(addSaturating(spent, costMicros));
    }

    @Override
    public void setLimit(long limitMicros) {
        if (limitMicros <= 0) {
            throw new IllegalArgumentException("limitMicros must be > 0 but was " + limitMicros);
        }
        long[] at = amounts(limitMicros, percents);
        for (;;) {
            State current = state.get();
            // Read after the state: a spend counted before this read is seen here; one counted
            // after it reports against whichever state it reads (this CAS's, or a later one).
            long now = spent.get();
            int level = new State(limitMicros, at, 0).level(now);
            // Re-arm the thresholds the spend no longer reaches under the new limit; keep the
            // reported ones it still reaches. The CAS fails if a reporter advanced the index (or
            // another setLimit ran) since we read it: then read both again.
            if (state.compareAndSet(current, new State(limitMicros, at, Math.min(current.next(), level)))) {
                break;
            }
        }
        // Report those it already reaches under the new limit but were not reported yet (a spend
        // that raced this call may have reached more: read the spend again).
        reportCrossings(spent.get());
    }

    @Override
    public long spentMicros() {
        return spent.get();
    }

    @Override
    public long limitMicros() {
        return state.get().limit();
    }

    @Override
    public long reservedMicros() {
        return Math.max(0, committed.get() - spent.get());
    }

    @Override
    public BudgetStatus status() {
        long c = committed.get();
        long s = spent.get();
        return BudgetStatus.of(s, state.get().limit(), Math.max(0, c - s));
    }

    @Override
    public Optional<Reservation> reserve(long maxCostMicros) {
        nonNegative("maxCostMicros", maxCostMicros);
        long current;
        long base;
        do {
            // Volatile loads: committed first, then spent. The CAS below is on committed alone, so
            // reservations by racing threads are still serialised by it; taking the max with spent
            // means a committed value that saturation left below spent never under-counts.
            current = committed.get();
            base = Math.max(current, spent.get());
            if (base > state.get().limit() - maxCostMicros) {
                return Optional.empty();
            }
        } while (!committed.compareAndSet(current, base + maxCostMicros));
        return Optional.of(new Held(maxCostMicros));
    }

    /**
     * Reports the thresholds {@code spentNow} reaches that are not reported yet, one CAS per
     * threshold. In steady state (nothing to report) this is one volatile read of {@code state} and
     * a compare; a State is allocated only when a threshold is actually claimed.
     */
    private void reportCrossings(long spentNow) {
        for (;;) {
            // Volatile read (acquire): limit, amounts and index are one consistent snapshot.
            State s = state.get();
            int index = s.next();
            if (index >= s.reachedAt().length || spentNow < s.reachedAt()[index]) {
                return;
            }
            // Claims exactly this state's threshold: fails if the index moved or setLimit swapped
            // the limits since the read above, and then the loop reads the current state.
            if (state.compareAndSet(s, new State(s.limit(), s.reachedAt(), index + 1))) {
                notifyCrossed(percents[index], spentNow, s.limit());
            }
        }
    }

    private void notifyCrossed(int percent, long spentNow, long limit) {
        if (listener == null) {
            return;
        }
        try {
            listener.crossed(percent, spentNow, limit);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "budget threshold listener failed for the " + percent
                    + "% threshold (spent " + spentNow + " of " + limit + " microdollars)", e);
        }
    }

    /**
     * What admission decisions compare with the limit: {@code committed}, or {@code spent} if a
     * saturated spend left {@code committed} below it. Two volatile loads (acquire), committed first.
     */
    private long floor() {
        long c = committed.get();
        return Math.max(c, spent.get());
    }

    /**
     * Takes {@code delta >= 0} off {@code committed} (a released or over-reserved amount), never
     * below {@code spent + alsoSpending}: a CAS loop taking the max. {@code spent} is read (volatile
     * load) after {@code committed}; a spend adds to committed before spent, so a spend that
     * raced this read changed committed too and fails the CAS, which then reads both again.
     */
    private void lower(long delta, long alsoSpending) {
        long current;
        long next;
        do {
            current = committed.get();
            long s = spent.get();
            long least = s > Long.MAX_VALUE - alsoSpending ? Long.MAX_VALUE : s + alsoSpending;
            next = Math.max(current - delta, least);
        } while (!committed.compareAndSet(current, next));
    }

    /** Adds with a CAS loop so that an overflow is refused instead of wrapping. */
    private static long add(AtomicLong counter, long delta) {
        long current;
        long next;
        do {
            current = counter.get();
            try {
                next = Math.addExact(current, delta);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("budget spend overflows: " + current + " + " + delta
                        + " microdollars", e);
            }
        } while (!counter.compareAndSet(current, next));
        return next;
    }

    /** Adds a non-negative delta with a CAS loop, stopping at {@link Long#MAX_VALUE} instead of wrapping. */
    private static long addSaturating(AtomicLong counter, long delta) {
        long current;
        long next;
        do {
            current = counter.get();
            next = current > Long.MAX_VALUE - delta ? Long.MAX_VALUE : current + delta;
        } while (!counter.compareAndSet(current, next));
        return next;
    }

    private static void nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
        }
    }

    @Override
    public String toString() {
        return "AtomicBudgetTracker[" + status() + "]";
    }

    /** An open reservation; one CAS on {@code settled} decides whether commit or release wins. */
    private final class Held implements Reservation {
        private final long amount;
        private final AtomicInteger settled = new AtomicInteger();

        Held(long amount) {
            this.amount = amount;
        }

        @Override
        public long amountMicros() {
            return amount;
        }

        @Override
        public boolean commit(long actualCostMicros) {
            nonNegative("actualCostMicros", actualCostMicros);
            if (!settled.compareAndSet(0, 1)) {
                return false;
            }
            if (actualCostMicros >= amount) {
                try {
                    // committed held `amount`; it now holds the actual cost instead.
                    add(committed, actualCostMicros - amount);
                } catch (IllegalArgumentException e) {
                    lower(amount, 0);
                    throw e;
                }
            } else {
                // Less than reserved: give the rest back, never leaving committed below the spend
                // about to be counted (a saturated spend may have left it short).
                lower(amount - actualCostMicros, actualCostMicros);
            }
            reportCrossings(add(spent, actualCostMicros));
            return true;
        }

        @Override
        public boolean release() {
            if (!settled.compareAndSet(0, 2)) {
                return false;
            }
            lower(amount, 0);
            return true;
        }

        @Override
        public boolean isSettled() {
            return settled.get() != 0;
        }

        @Override
        public void close() {
            release();
        }

        @Override
        public String toString() {
            return "Reservation[amountMicros=" + amount + ", " + switch (settled.get()) {
                case 0 -> "open";
                case 1 -> "committed";
                default -> "released";
            } + "]";
        }
    }
}
