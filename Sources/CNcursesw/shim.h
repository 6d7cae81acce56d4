// A small C shim over ncursesw: wide-character declarations switched on, and functions for the
// parts of the API that are macros (which Swift cannot call).
#ifndef SLUICE_CNCURSESW_SHIM_H
#define SLUICE_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <ncursesw/curses.h>

static inline WINDOW *sluice_stdscr(void) { return stdscr; }
static inline FILE *sluice_stdin(void) { return stdin; }
static inline FILE *sluice_stdout(void) { return stdout; }
static inline int sluice_lines(void) { return LINES; }
static inline int sluice_cols(void) { return COLS; }
static inline int sluice_colors(void) { return COLORS; }
static inline attr_t sluice_color_pair(short pair) { return (attr_t)COLOR_PAIR(pair); }
static inline attr_t sluice_a_bold(void) { return A_BOLD; }
static inline attr_t sluice_a_dim(void) { return A_DIM; }
static inline attr_t sluice_a_reverse(void) { return A_REVERSE; }
static inline attr_t sluice_a_underline(void) { return A_UNDERLINE; }
static inline int sluice_key_resize(void) { return KEY_RESIZE; }
static inline const char *sluice_codeset(void) { return nl_langinfo(CODESET); }

// Signals: SIGINT, SIGTERM and SIGHUP (a dropped SSH connection) only set a flag that the input
// loop reads, so the app can save its state and restore the terminal in the normal way. A crash
// (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP) restores the terminal at once and then dies
// with the same signal.
static volatile sig_atomic_t sluice_pending_signal = 0;

static void sluice_note_signal(int sig) { sluice_pending_signal = sig; }

static void sluice_crash(int sig) {
  endwin();
  signal(sig, SIG_DFL);
  raise(sig);
}

static inline void sluice_install_signal_handlers(void) {
  struct sigaction note = {0};
  note.sa_handler = sluice_note_signal;
  sigemptyset(&note.sa_mask);
  sigaction(SIGINT, &note, NULL);
  sigaction(SIGTERM, &note, NULL);
  sigaction(SIGHUP, &note, NULL);
  signal(SIGPIPE, SIG_IGN);
  int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
  for (unsigned i = 0; i < sizeof fatal / sizeof fatal[0]; i++) signal(fatal[i], sluice_crash);
  // A parent may have started us with these blocked; the terminal's signals must get through.
  sigset_t wanted;
  sigemptyset(&wanted);
  sigaddset(&wanted, SIGINT);
  sigaddset(&wanted, SIGTERM);
  sigaddset(&wanted, SIGHUP);
  sigaddset(&wanted, SIGWINCH);
  sigprocmask(SIG_UNBLOCK, &wanted, NULL);
}

/// The signal received since the last call, or 0.
static inline int sluice_take_signal(void) {
  int sig = sluice_pending_signal;
  sluice_pending_signal = 0;
  return sig;
}

#endif
