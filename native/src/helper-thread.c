/*
 * A helper thread for work that splits in two (see helper-thread.h): a pthread waiting on
 * a condition variable for a part to claim.
 */
#include "helper-thread.h"

#include <pthread.h>
#include <stdlib.h>

struct HelperThread {
  pthread_t thread;
  pthread_mutex_t mu;
  pthread_cond_t posted, done;
  void (*fn)(void *);
  void *job;   /* posted, not yet claimed */
  int running; /* the helper runs a part it claimed */
  int quit;
};

static void *helper_main(void *arg) {
  HelperThread *h = arg;
  pthread_mutex_lock(&h->mu);
  for (;;) {
    while (!h->quit && h->job == NULL) pthread_cond_wait(&h->posted, &h->mu);
    if (h->quit) break;
    void (*fn)(void *) = h->fn;
    void *job = h->job;
    h->job = NULL;
    h->running = 1;
    pthread_mutex_unlock(&h->mu);
    fn(job);
    pthread_mutex_lock(&h->mu);
    h->running = 0;
    pthread_cond_signal(&h->done);
  }
  pthread_mutex_unlock(&h->mu);
  return NULL;
}

static void destroy(HelperThread *h) {
  pthread_cond_destroy(&h->done);
  pthread_cond_destroy(&h->posted);
  pthread_mutex_destroy(&h->mu);
  free(h);
}

HelperThread *helper_thread_start(void) {
  HelperThread *h = calloc(1, sizeof *h);
  if (h == NULL) return NULL;
  pthread_mutex_init(&h->mu, NULL);
  pthread_cond_init(&h->posted, NULL);
  pthread_cond_init(&h->done, NULL);
  if (pthread_create(&h->thread, NULL, helper_main, h) != 0) {
    destroy(h);
    return NULL;
  }
  return h;
}

void helper_thread_stop(HelperThread *h) {
  pthread_mutex_lock(&h->mu);
  h->quit = 1;
  pthread_cond_signal(&h->posted);
  pthread_mutex_unlock(&h->mu);
  pthread_join(h->thread, NULL);
  destroy(h);
}

void helper_thread_pair(HelperThread *h, void (*fn)(void *), void *a, void *b) {
  pthread_mutex_lock(&h->mu);
  h->fn = fn;
  h->job = b;
  pthread_cond_signal(&h->posted);
  pthread_mutex_unlock(&h->mu);
  fn(a);
  pthread_mutex_lock(&h->mu);
  const int unclaimed = h->job != NULL;
  h->job = NULL;
  while (h->running) pthread_cond_wait(&h->done, &h->mu);
  pthread_mutex_unlock(&h->mu);
  if (unclaimed) fn(b);
}
