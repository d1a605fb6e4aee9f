package net.rudp.core;

/** When a listener answers call requests with stateless cookies instead of half-open connections (spec 8.3). */
public enum CookieMode {
    /** Never: a full backlog refuses calls (spec 8.2 rule 3). */
    OFF,
    /** When the backlog is full, as Linux sends SYN cookies when its SYN queue overflows (the default, spec 8.3). */
    ON_OVERFLOW,
    /** For every call request: no SYN ever costs the listener state. */
    ALWAYS
}
