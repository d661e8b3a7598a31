package org.permasar.sim;

import java.util.random.RandomGenerator;

/**
 * The SplitMix64 generator of {@link java.util.SplittableRandom} (Steele, Lea &amp; Flood 2014,
 * "Fast splittable pseudorandom number generators", OOPSLA), with its state exposed so that a
 * stream can be <em>replayed</em> from any recorded point: {@link #state()} / {@link #reset(long)}.
 *
 * <p>It draws exactly the values of a {@code SplittableRandom} built from the same seed and split
 * in the same order (the simulator's scenes stay bit-identical to those it made before it
 * streamed): {@link #nextLong()} = mix64(seed += γ) (Stafford's variant 13), {@link #nextInt()} =
 * mix32(seed += γ), {@link #split()} takes the child's seed from {@code nextLong()} and its γ from
 * mixGamma of the next seed; {@code nextDouble}, {@code nextInt(bound)}, {@code nextBoolean} and
 * {@code nextGaussian} are {@link RandomGenerator}'s defaults, as they are for
 * {@code SplittableRandom} on Java 17 ({@code ReplayableRandomTest} checks every one against the JDK).
 *
 * <p>Why: the simulator generates a scene block by block; a pixel's noise must not depend on the
 * blocks, so a first pass records the state at the start of every row of every layer and a block
 * resumes the stream there. A Gaussian draw consumes a variable number of longs (ziggurat), so
 * the states are recorded, not computed.
 *
 * <p>Mutable, not thread-safe: one instance per thread.
 */
final class ReplayableRandom implements RandomGenerator {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long seed;
    private final long gamma;

    /** The stream of {@code new SplittableRandom(seed)}. */
    ReplayableRandom(long seed) {
        this(seed, GOLDEN_GAMMA);
    }

    private ReplayableRandom(long seed, long gamma) {
        this.seed = seed;
        this.gamma = gamma;
    }

    /** A copy positioned where this stream is now (same γ). */
    ReplayableRandom copy() {
        return new ReplayableRandom(seed, gamma);
    }

    /** The current position of the stream, for {@link #reset(long)}. */
    long state() {
        return seed;
    }

    /** Moves the stream back (or forward) to a position returned by {@link #state()}. */
    void reset(long state) {
        seed = state;
    }

    /** An independent child stream, as {@code SplittableRandom.split()} makes it. */
    ReplayableRandom split() {
        long childSeed = nextLong();
        return new ReplayableRandom(childSeed, mixGamma(seed += gamma));
    }

    @Override
    public long nextLong() {
        return mix64(seed += gamma);
    }

    @Override
    public int nextInt() {
        return mix32(seed += gamma);
    }

    /** Stafford's "variant 13" 64-bit finaliser (SplitMix64's output function). */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Stafford's "variant 4" finaliser, upper 32 bits (SplittableRandom.nextInt). */
    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    /** MurmurHash3's finaliser made odd, with enough bit transitions (SplitMix's γ of a child). */
    private static long mixGamma(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        z = (z ^ (z >>> 33)) | 1L;
        int transitions = Long.bitCount(z ^ (z >>> 1));
        return transitions < 24 ? z ^ 0xaaaaaaaaaaaaaaaaL : z;
    }
}
