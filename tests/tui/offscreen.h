/* offscreen.h — a curses screen that is never shown (output to /dev/null), in UTF-8, for
 * the widget tests: cmocka group setup and teardown. The key table is parsed too. */
#ifndef TESTS_TUI_OFFSCREEN_H
#define TESTS_TUI_OFFSCREEN_H

int offscreen_setup(void **state);
int offscreen_teardown(void **state);

#endif
