package org.permasar.hydro;

/**
 * How −dQ/dt is estimated from daily discharge inside a recession segment (Δt = 1 day). The
 * comparison of these choices is the subject of Roques et al. (2017, Adv. Water Resour. 108:29) and
 * Jachens et al. (2020, HESS 24:1159).
 */
public enum DerivativeMethod {
    /**
     * Brutsaert &amp; Nieber (1977): −dQ/dt ≈ Q(t−1) − Q(t), paired with the mean (Q(t−1) + Q(t))/2
     * of the two days. For an exponential recession Q = Q0·e^(−kt) the estimate of k is 2·tanh(k/2)
     * (error −k³/12), not e^k − 1 as when the later day alone is taken.
     */
    BACKWARD,
    /** Central difference −dQ/dt ≈ (Q(t−1) − Q(t+1))/2 paired with Q(t); estimates sinh(k) ≈ k + k³/6. */
    CENTRAL,
    /**
     * Exponential time stepping (Roques et al. 2017 §2.3): the window grows with time since the
     * segment start, m(i) = 1 + ⌈n·exp(−1/(γ·i))⌉ days with n = 10 % of the segment length and γ the
     * segment's exponential decay rate; −dQ/dt is minus the least-squares slope of Q over the window
     * and Q the window's mean.
     */
    ETS
}
