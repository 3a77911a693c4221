/*
 * The tiny guest's workload: keeps a writing set of memory dirty at a steady rate, so that a live
 * migration of the guest has real pre-copy rounds to do.
 *
 * Reads from the kernel command line (defaults in brackets):
 *   ballast.dirty_mibps=<MiB/s>  how much of the writing set to rewrite per second [8]; 0 = idle
 *   ballast.wss_mib=<MiB>        the writing set's size [64]
 *   ballast.heartbeat_s=<s>      print an "alive" line this often, 0 = never [10]
 *
 * Every page is filled with non-zero pseudo-random data first and each later write stores a new
 * value, because QEMU sends zero pages almost for free and skips pages whose content did not change
 * when it samples the dirty rate. One 8-byte store dirties a whole 4 KiB page, so the rate counts
 * pages, as QEMU does.
 *
 * It also checks that memory keeps what it was given: before rewriting a page it compares the page's
 * first word with the value it last wrote there (kept in a separate array). A live migration that lost
 * a write, to either, shows as "memory check failed" lines and a non-zero "mismatches" count in the
 * heartbeat, within one pass over the writing set.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096
#define TICK_NS 10000000L /* 10 ms: smooth enough for a rate measured over a second */

static long param(const char *cmdline, const char *name, long fallback) {
  const char *at = strstr(cmdline, name);
  if (!at) return fallback;
  return strtol(at + strlen(name), NULL, 10);
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* What the kernel can still give us: a writing set larger than the guest would only end in the OOM killer. */
static long available_mib(void) {
  FILE *meminfo = fopen("/proc/meminfo", "r");
  char line[128];
  long kib = -1;
  while (meminfo && fgets(line, sizeof line, meminfo))
    if (sscanf(line, "MemAvailable: %ld kB", &kib) == 1) break;
  if (meminfo) fclose(meminfo);
  return kib < 0 ? -1 : kib / 1024;
}

static uint64_t next_random(uint64_t *state) {
  *state ^= *state << 13;
  *state ^= *state >> 7;
  *state ^= *state << 17;
  return *state | 1; /* never zero */
}

int main(void) {
  char cmdline[4096] = "";
  FILE *file = fopen("/proc/cmdline", "r");
  if (file) {
    if (!fgets(cmdline, sizeof cmdline, file)) cmdline[0] = 0;
    fclose(file);
  }
  long rate_mibps = param(cmdline, "ballast.dirty_mibps=", 8);
  long wss_mib = param(cmdline, "ballast.wss_mib=", 64);
  long heartbeat_s = param(cmdline, "ballast.heartbeat_s=", 10);
  long room_mib = available_mib() * 3 / 4;
  if (room_mib > 0 && wss_mib > room_mib) {
    printf("ballast-guest: writing set of %ld MiB does not fit, using %ld MiB\n", wss_mib, room_mib);
    wss_mib = room_mib;
  }
  if (wss_mib < 1) wss_mib = 1;

  size_t pages = (size_t)wss_mib * 1024 * 1024 / PAGE;
  uint64_t *memory = malloc(pages * PAGE);
  if (!memory) {
    printf("ballast-guest: cannot allocate %ld MiB\n", wss_mib);
    return 1;
  }
  uint64_t *last = malloc(pages * sizeof *last);
  if (!last) {
    printf("ballast-guest: cannot allocate the check array\n");
    return 1;
  }
  uint64_t state = 0x9e3779b97f4a7c15ULL;
  for (size_t word = 0; word < pages * PAGE / 8; word++) memory[word] = next_random(&state);
  for (size_t page = 0; page < pages; page++) last[page] = memory[page * (PAGE / 8)];

  printf("ballast-guest: ready dirty_mibps=%ld wss_mib=%ld\n", rate_mibps, wss_mib);
  fflush(stdout);

  double pages_per_second = rate_mibps * 1024.0 * 1024.0 / PAGE;
  double start = now(), last_beat = start;
  uint64_t written = 0, mismatches = 0;
  size_t cursor = 0;
  /* An idle guest wakes once a second, so that it costs its host next to nothing. */
  struct timespec tick = {rate_mibps > 0 ? 0 : 1, rate_mibps > 0 ? TICK_NS : 0};
  for (;;) {
    nanosleep(&tick, NULL);
    double t = now();
    /* Catch up to the rate since the start, so slow ticks (a busy host, TCG) do not lower it. */
    uint64_t due = (uint64_t)((t - start) * pages_per_second);
    /* ...but never more than one pass over the writing set per tick after a long stall. */
    if (due - written > pages) written = due - pages;
    for (; written < due; written++) {
      uint64_t *word = &memory[cursor * (PAGE / 8)];
      if (*word != last[cursor] && ++mismatches <= 5) {
        printf("ballast-guest: memory check failed: page %zu holds %016llx, expected %016llx\n", cursor,
               (unsigned long long)*word, (unsigned long long)last[cursor]);
      }
      *word = last[cursor] = next_random(&state);
      cursor = (cursor + 1) % pages;
    }
    if (heartbeat_s > 0 && t - last_beat >= heartbeat_s) {
      last_beat = t;
      printf("ballast-guest: alive %.0f s, %llu pages written, mismatches=%llu\n", t - start,
             (unsigned long long)written, (unsigned long long)mismatches);
      fflush(stdout);
    }
  }
}
