// A small C shim over ncursesw: wide-character declarations switched on, and functions for the
// parts of the API that are macros (which Swift cannot call).
#ifndef SLUICE_CNCURSESW_SHIM_H
#define SLUICE_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <stdio.h>
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

#endif
