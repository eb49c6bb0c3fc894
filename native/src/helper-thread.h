/*
 * A helper thread for work that splits in two (helper-thread.c): the caller runs one part
 * and offers the other; the helper runs it if it claims it first, else the caller does,
 * so a helper that cannot get a core costs a wake-up, not a wait.
 */
#ifndef TEGUM_HELPER_THREAD_H
#define TEGUM_HELPER_THREAD_H

typedef struct HelperThread HelperThread;

/* A started helper, waiting for work; NULL where it cannot start. */
HelperThread *helper_thread_start(void);

/* Stops and frees the helper (after its current part, if any). */
void helper_thread_stop(HelperThread *h);

/* Runs fn(a) here and fn(b) on the helper where it claims it before fn(a) returns, else
 * here after fn(a); returns once both have run. */
void helper_thread_pair(HelperThread *h, void (*fn)(void *), void *a, void *b);

#endif
