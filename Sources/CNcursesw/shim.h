#ifndef SAMPLETOK_CNCURSESW_SHIM_H
#define SAMPLETOK_CNCURSESW_SHIM_H

/* SwiftPM drops pkg-config's -D flags, so enable the wide-character API here. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <stdio.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* stdscr is a global variable: not concurrency-safe in Swift 6. */
static inline WINDOW *shim_stdscr(void) { return stdscr; }
/* getmaxyx/getyx assign through macros. */
static inline void shim_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }
static inline void shim_getyx(WINDOW *w, int *y, int *x) { int yy, xx; getyx(w, yy, xx); *y = yy; *x = xx; }
/* Attributes built with NCURSES_BITS. */
static inline attr_t shim_a_normal(void) { return A_NORMAL; }
static inline attr_t shim_a_bold(void) { return A_BOLD; }
static inline attr_t shim_a_reverse(void) { return A_REVERSE; }
static inline attr_t shim_a_dim(void) { return A_DIM; }
static inline attr_t shim_a_underline(void) { return A_UNDERLINE; }
static inline attr_t shim_color_pair(short n) { return COLOR_PAIR(n); }

/* newterm on the process's own stdout/stdin (C globals Swift 6 will not touch): unlike
   initscr it returns NULL instead of exiting when the terminal cannot be used. */
static inline SCREEN *shim_newterm(void) { return newterm(NULL, stdout, stdin); }
/* KEY_F(n) is a function-like macro. */
static inline int shim_key_f(int n) { return KEY_F(n); }
/* Mouse reports of the first button (press and click), at once (no click interval). */
static inline void shim_mouse_on(void) { mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED, NULL); mouseinterval(0); }
/* After KEY_MOUSE: the cell of a first-button press or click; 0 for any other report. */
static inline int shim_read_click(int *row, int *col) {
    MEVENT event;
    if (getmouse(&event) != OK || !(event.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))) return 0;
    *row = event.y; *col = event.x;
    return 1;
}
/* The codeset of the current locale, e.g. "UTF-8". */
static inline const char *shim_codeset(void) { return nl_langinfo(CODESET); }

#endif
