#ifndef HETAO_CNCURSESW_SHIM_H
#define HETAO_CNCURSESW_SHIM_H

/* SwiftPM drops pkg-config's -D flags, so the wide-character API must be enabled here. */
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <ncurses.h>
#include <term.h>

/* Macros that do not import into Swift, wrapped as functions. */
static inline attr_t hetao_a_bold(void) { return A_BOLD; }
static inline attr_t hetao_a_reverse(void) { return A_REVERSE; }
static inline attr_t hetao_a_dim(void) { return A_DIM; }
static inline attr_t hetao_a_underline(void) { return A_UNDERLINE; }
static inline attr_t hetao_a_altcharset(void) { return A_ALTCHARSET; }
static inline chtype hetao_acs_hline(void) { return ACS_HLINE; }
static inline chtype hetao_acs_vline(void) { return ACS_VLINE; }
static inline chtype hetao_acs_ulcorner(void) { return ACS_ULCORNER; }
static inline chtype hetao_acs_urcorner(void) { return ACS_URCORNER; }
static inline chtype hetao_acs_llcorner(void) { return ACS_LLCORNER; }
static inline chtype hetao_acs_lrcorner(void) { return ACS_LRCORNER; }
static inline chtype hetao_acs_ckboard(void) { return ACS_CKBOARD; }
static inline chtype hetao_acs_block(void) { return ACS_BLOCK; }
static inline chtype hetao_acs_bullet(void) { return ACS_BULLET; }
static inline chtype hetao_acs_ltee(void) { return ACS_LTEE; }
static inline chtype hetao_acs_rtee(void) { return ACS_RTEE; }

/* Mouse: the left button's press and the wheel, as ncurses decodes them (SGR 1006 where the
   terminal description says so, X10 otherwise). */
static inline mmask_t hetao_mouse_events(void) { return BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
/* 1: left press, 4: wheel up, 5: wheel down, 0: other. */
static inline int hetao_mouse_button(mmask_t state) {
    if (state & BUTTON1_PRESSED) return 1;
    if (state & BUTTON4_PRESSED) return 4;
    if (state & BUTTON5_PRESSED) return 5;
    return 0;
}

/* The standard screen's window, without touching the stdscr global from Swift. */
static inline WINDOW *stdscr_window(void) { return stdscr; }

/* tigetstr returns (char *)-1 for "not a string capability"; compare in C. */
static inline int hetao_has_string_capability(const char *name) {
    char *value = tigetstr(name);
    return value != NULL && value != (char *)-1;
}

static inline int hetao_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    if (codeset == NULL) return 0;
    return (codeset[0] == 'U' || codeset[0] == 'u') && (codeset[1] == 'T' || codeset[1] == 't')
        && (codeset[2] == 'F' || codeset[2] == 'f');
}

#endif
